import { spawn } from 'node:child_process';
import path from 'node:path';
import { deferCleanup } from './cleanup';
import { loadResult, type AutocannonReport, type LoadRequest, type LoadResult } from './load';
import { pinnedCommand } from './pinning';
import { cpuTimes } from './proc';
import { BENCH_DIR, LOAD, LOAD_CPU } from './settings';

/**
 * A load run that sends a given sequence of requests (search queries, like
 * toggles by many users, feed pages) rather than one URL over and over:
 * autocannon in lib/sequence-child.ts, pinned to the load CPU like
 * lib/load.ts's runs. The n-th run of every side starts at the same place
 * in the sequence, so the sides are sent the same requests in the same
 * order; successive runs start further on (warm-up at the start, then
 * each round a step later), so a slow endpoint that gets through only a
 * few requests per run still meets more than the first few of them.
 */

export interface SequenceRequest {
  method: 'GET' | 'PUT' | 'DELETE';
  /** Path and query, appended to the side's base URL. */
  path: string;
  headers?: Record<string, string>;
}

export type Runner = (req: LoadRequest) => Promise<LoadResult>;

/**
 * A runner for sideBySide / inTurn: their target URL is the base each path is appended to.
 * One sequence for every side, or one per side's base URL (when a side's data decides the
 * requests, as a feed's cursors do).
 */
export function sequenceRunner(
  sequence: readonly SequenceRequest[] | Record<string, readonly SequenceRequest[]>,
  opts: {
    /** autocannon's per-request timeout (10 s by default); a timed-out request counts as failed. */
    timeoutSec?: number;
    /**
     * Called before each run, outside its measurement, with where in the sequence it starts: where
     * the requests change state (toggles), each side is handed the state its requests expect.
     */
    beforeRun?: (start: number, url: string) => Promise<void>;
  } = {},
): Runner {
  const perSide: Record<string, readonly SequenceRequest[]> = isList(sequence) ? { '': sequence } : sequence;
  const runsOf = new Map<string, number>();
  return async (req) => {
    const requests = perSide[req.url] ?? perSide[''];
    if (!requests) throw new Error(`no request sequence for ${req.url}`);
    const run = runsOf.get(req.url) ?? 0;
    runsOf.set(req.url, run + 1);
    const start = (run * Math.floor(requests.length / (LOAD.rounds + 1))) % requests.length;
    await opts.beforeRun?.(start, req.url);
    const { command, args } = pinnedCommand(LOAD_CPU, process.execPath, [
      '--import',
      'tsx',
      path.join(BENCH_DIR, 'lib/sequence-child.ts'),
      JSON.stringify({
        url: req.url,
        connections: req.connections,
        durationSec: req.durationSec,
        rate: req.rate,
        timeoutSec: opts.timeoutSec,
        start,
      }),
    ]);
    const before = cpuTimes();
    const stdout = await runChild(command, args, JSON.stringify(requests));
    const after = cpuTimes();
    return loadResult(JSON.parse(stdout) as AutocannonReport, before, after);
  };
}

function isList(
  sequence: readonly SequenceRequest[] | Record<string, readonly SequenceRequest[]>,
): sequence is readonly SequenceRequest[] {
  return Array.isArray(sequence);
}

function runChild(command: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: BENCH_DIR, stdio: ['pipe', 'pipe', 'pipe'] });
    const done = deferCleanup(() => void child.kill());
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      done();
      if (code === 0) resolve(stdout);
      else reject(new Error(`autocannon exited with ${code}: ${stderr.trim().slice(-500)}`));
    });
    child.stdin.end(input);
  });
}
