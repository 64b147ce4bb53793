import { execFile } from 'node:child_process';
import os from 'node:os';

/** Nice value of media tools: the lowest. */
const LOWEST_NICE = 19;

/**
 * Makes a media tool batch work: a request served on the same core must
 * never wait for it (benchmark X2). Nice 19 alone is not enough on Linux:
 * with autogroups (the default on desktop and many server kernels) a nice
 * value only counts against processes of the same session, and every
 * Postgres backend runs in a session of its own, so a query's backend
 * competed with ffmpeg as an equal and waited up to a few hundred ms for
 * the core. SCHED_IDLE (`chrt --idle`) is honoured across sessions: any
 * other task that wakes up preempts the tool at once. Both are best effort:
 * without `chrt` (macOS) or without permission the tool keeps what it got.
 */
export function runInBackground(pid: number): void {
  try {
    os.setPriority(pid, LOWEST_NICE);
  } catch {
    // Not permitted here (some containers): normal priority.
  }
  if (process.platform !== 'linux') return;
  execFile('chrt', ['--idle', '--pid', '0', String(pid)], () => {
    // Missing chrt, or the tool already exited: nothing to do.
  });
}
