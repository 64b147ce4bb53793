import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deferCleanup } from './cleanup';
import { loadResult, runToEnd, type AutocannonReport, type LoadRequest, type LoadResult } from './load';
import { pinnedCommand } from './pinning';
import { cpuTimes } from './proc';
import { BENCH_DIR, LOAD_CPU } from './settings';

/**
 * A load run that sends a given sequence of requests (search queries, like
 * toggles by many users) rather than one URL over and over: autocannon in
 * lib/sequence-child.ts, pinned to the load CPU like lib/load.ts's runs.
 * Every run starts the sequence from its first request, so ours and the
 * anchor are sent the same requests in the same order.
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
export async function sequenceRunner(
  sequence: readonly SequenceRequest[] | Record<string, readonly SequenceRequest[]>,
): Promise<Runner> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'veza-bench-seq-'));
  deferCleanup(() => rm(dir, { recursive: true, force: true }));
  const perSide = Array.isArray(sequence) ? { '': sequence } : (sequence as Record<string, readonly SequenceRequest[]>);
  const files = new Map<string, string>();
  for (const [n, [base, requests]] of Object.entries(perSide).entries()) {
    const file = path.join(dir, `sequence-${n}.json`);
    writeFileSync(file, JSON.stringify(requests));
    files.set(base, file);
  }
  return async (req) => {
    const file = files.get(req.url) ?? files.get('');
    if (!file) throw new Error(`no request sequence for ${req.url}`);
    const { command, args } = pinnedCommand(LOAD_CPU, process.execPath, [
      '--import',
      'tsx',
      path.join(BENCH_DIR, 'lib/sequence-child.ts'),
      JSON.stringify({
        url: req.url,
        connections: req.connections,
        durationSec: req.durationSec,
        rate: req.rate,
        file,
      }),
    ]);
    const before = cpuTimes();
    const stdout = await runToEnd(command, args);
    const after = cpuTimes();
    return loadResult(JSON.parse(stdout) as AutocannonReport, before, after);
  };
}
