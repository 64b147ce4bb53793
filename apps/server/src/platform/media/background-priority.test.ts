import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInBackground } from './background-priority';

const hasChrt = process.platform === 'linux' && spawnSync('chrt', ['--version']).status === 0;

/** Nice value and scheduling policy from /proc/<pid>/stat (fields 19 and 41; 5 is SCHED_IDLE). */
function schedulingOf(pid: number): { nice: number; policy: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { nice: Number(fields[16]), policy: Number(fields[38]) };
}

describe('media tools in the background', () => {
  it.skipIf(!hasChrt)('run at nice 19 and SCHED_IDLE, which holds across sessions (autogroups)', async () => {
    const child = spawn('sleep', ['5']);
    try {
      runInBackground(child.pid!);
      await expect.poll(() => schedulingOf(child.pid!), { timeout: 5000 }).toEqual({ nice: 19, policy: 5 });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('never throws, even for a process already gone', () => {
    expect(() => runInBackground(2 ** 22 + 12345)).not.toThrow();
  });
});
