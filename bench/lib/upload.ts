import { spawn } from 'node:child_process';
import path from 'node:path';
import { deferCleanup } from './cleanup';
import type { UploadRequest, UploadResult } from './multipart';
import { pinnedCommand } from './pinning';
import { BENCH_DIR, LOAD_CPU } from './settings';

/** Runs lib/upload-child.ts pinned to the load CPU and returns what it measured. */
export function pinnedUpload(req: UploadRequest, timeoutMs = 300_000): Promise<UploadResult> {
  const { command, args } = pinnedCommand(LOAD_CPU, process.execPath, [
    '--import',
    'tsx',
    path.join(BENCH_DIR, 'lib/upload-child.ts'),
    JSON.stringify(req),
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    const done = deferCleanup(() => void child.kill());
    const timer = setTimeout(() => child.kill(), timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done();
      if (code === 0) resolve(JSON.parse(stdout) as UploadResult);
      else reject(new Error(`upload client exited with ${code ?? signal}: ${stderr.trim().slice(-800)}`));
    });
  });
}
