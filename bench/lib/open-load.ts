import { spawn } from 'node:child_process';
import path from 'node:path';
import { deferCleanup } from './cleanup';
import { loadResult, type AutocannonReport, type LoadResult } from './load';
import { pinnedCommand } from './pinning';
import { cpuTimes, type CpuTimes } from './proc';
import { BENCH_DIR, LOAD_CPU } from './settings';

/**
 * A load run that lasts until the caller says stop (while a transcode
 * runs, say) rather than a set number of seconds: autocannon in
 * lib/autocannon-child.ts, pinned to the load CPU like lib/load.ts's runs.
 * The process is started ahead (prepareOpenLoad), so start() fires within
 * milliseconds; it stops at its next one-second tick, so a run overshoots
 * stop() by up to a second.
 */

export interface OpenLoad {
  start(): Promise<void>;
  stop(): Promise<LoadResult>;
}

export async function prepareOpenLoad(req: { url: string; connections: number; rate?: number }): Promise<OpenLoad> {
  const { command, args } = pinnedCommand(LOAD_CPU, process.execPath, [
    '--import',
    'tsx',
    path.join(BENCH_DIR, 'lib/autocannon-child.ts'),
    JSON.stringify(req),
  ]);
  const child = spawn(command, args, { cwd: BENCH_DIR, stdio: ['pipe', 'pipe', 'pipe'] });
  const done = deferCleanup(() => void child.kill());
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const failure = () => new Error(`autocannon exited with ${child.exitCode}: ${stderr.trim().slice(-500)}`);

  const printed = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (stdout.includes(`${line}\n`)) resolve();
      };
      child.stdout.on('data', check);
      check();
      child.on('error', reject);
      void exited.then(() => reject(failure()));
    });
  child.stdout.on('data', (chunk: string) => (stdout += chunk));
  await printed('ready');

  let before: CpuTimes | undefined;
  return {
    async start() {
      child.stdin.write('go\n');
      await printed('started');
      before = cpuTimes();
    },
    async stop() {
      child.stdin.end('stop\n');
      const code = await exited;
      const after = cpuTimes();
      done();
      if (code !== 0 || !before) throw failure();
      const report = stdout.slice(stdout.indexOf('started\n') + 'started\n'.length);
      return loadResult(JSON.parse(report) as AutocannonReport, before, after);
    },
  };
}
