import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deferCleanup } from './cleanup';
import { pinnedCommand } from './pinning';
import { busyPercent, cpuTimes, type CpuTimes } from './proc';
import { LOAD_CPU, SERVER_CPU } from './settings';

/**
 * One load run: the autocannon CLI in its own process pinned to the load
 * CPU, never inside a server's process, so the generator's event loop and GC
 * stay off the CPU being measured.
 */

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers: any of them fails the benchmark. */
  failed: number;
  /** How busy the server CPU and the load CPU were, whoever used them (other tenants included). */
  serverCoreBusy: number;
  loadCoreBusy: number;
}

export interface LoadRequest {
  url: string;
  connections: number;
  durationSec: number;
  /** autocannon -R: requests per second over all connections (each connection's share is sent at the top of every second). */
  rate?: number;
}

/** The subset of autocannon's --json report (and of its programmatic result) we read. */
export interface AutocannonReport {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
}

const require = createRequire(import.meta.url);
const AUTOCANNON_CLI = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

export async function runLoad(req: LoadRequest): Promise<LoadResult> {
  const cli = ['-c', String(req.connections), '-d', String(req.durationSec), '--json', '--no-progress'];
  if (req.rate !== undefined) cli.push('-R', String(req.rate));
  const { command, args } = pinnedCommand(LOAD_CPU, process.execPath, [AUTOCANNON_CLI, ...cli, req.url]);
  const before = cpuTimes();
  const stdout = await runToEnd(command, args);
  const after = cpuTimes();
  return loadResult(JSON.parse(stdout) as AutocannonReport, before, after);
}

/** A LoadResult from autocannon's report and the per-CPU times read around the run. */
export function loadResult(report: AutocannonReport, before: CpuTimes, after: CpuTimes): LoadResult {
  return {
    // Completed requests over the real duration: steadier than the mean of 1-second samples.
    reqPerSec: report.requests.total / report.duration,
    p50Ms: report.latency.p50,
    p99Ms: report.latency.p99,
    requests: report.requests.total,
    failed: report.errors + report.non2xx, // autocannon's errors already include timeouts
    serverCoreBusy: busyPercent(before, after, SERVER_CPU),
    loadCoreBusy: busyPercent(before, after, LOAD_CPU),
  };
}

/** Runs a load tool to its end and answers its stdout; `name` says which one failed. */
export function runToEnd(command: string, args: string[], name = 'autocannon'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const done = deferCleanup(() => void child.kill());
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      done();
      if (code === 0) resolve(stdout);
      else reject(new Error(`${name} exited with ${code}: ${stderr.trim().slice(-500)}`));
    });
  });
}
