import { spawnSync } from 'node:child_process';
import { CPU_COUNT } from './settings';

/**
 * `taskset -c N` in front of a command. taskset execs the command, so the
 * pid we get is the server's own (RSS and affinity read from /proc are its).
 */

function tasksetWorks(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/** Why pinning is off, or undefined when it is on. */
export const PINNING_OFF_REASON: string | undefined = !tasksetWorks()
  ? 'taskset (util-linux) is missing or refused'
  : CPU_COUNT < 2
    ? `only ${CPU_COUNT} CPU available`
    : undefined;

/** `cpu` is one CPU or a taskset list such as '0-1'. */
export function pinnedCommand(
  cpu: number | string,
  command: string,
  args: string[],
): { command: string; args: string[] } {
  if (PINNING_OFF_REASON) return { command, args };
  return { command: 'taskset', args: ['-c', String(cpu), command, ...args] };
}
