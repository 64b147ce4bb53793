import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Readings from /proc: what a process costs and where it runs (Linux only). */

/** One field of /proc/<pid>/status, e.g. VmRSS or Cpus_allowed_list; undefined once the process is gone. */
export function procStatus(pid: number, field: string): string | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return new RegExp(`^${field}:\\s*(.+)$`, 'm').exec(status)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

export function rssKb(pid: number): number {
  return Number.parseInt(procStatus(pid, 'VmRSS') ?? '0', 10);
}

/** The CPUs the kernel lets this process run on, as taskset prints them ("0", "0-1"). */
export function allowedCpus(pid: number): string {
  return procStatus(pid, 'Cpus_allowed_list') ?? '?';
}

/**
 * Peak resident memory while a run lasts. VmHWM would include boot-time
 * peaks (migrations, argon2 hashing of the demo accounts), so RSS is polled
 * during the load instead.
 */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peakKb = rssKb(pid);
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, rssKb(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peakKb, rssKb(pid)) / 1024;
    },
  };
}

const CLOCK_TICKS_PER_SEC = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/**
 * CPU time (user + system) a process has used so far, in ms. Divided by the
 * requests served it gives CPU per request, which other tenants of a shared
 * machine slow down far less than they slow down req/s.
 */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SEC;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time (user + system, in ms) of the children a process has reaped so
 * far (cutime + cstime): an ffmpeg counts once it has exited and been waited for.
 */
export function reapedChildrenCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SEC;
  } catch {
    return Number.NaN;
  }
}

/**
 * How long a process's main thread has waited on a run queue so far, in ms
 * (/proc/<pid>/task/<pid>/schedstat, second field): runnable but not
 * running because something else had the CPU.
 */
export function runQueueWaitMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

export type CpuTimes = Map<number, { busy: number; total: number }>;

/** Jiffies per CPU since boot, from /proc/stat. Steal counts as busy: the CPU was not ours to use. */
export function cpuTimes(): CpuTimes {
  const times: CpuTimes = new Map();
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+)\s+(.+)$/.exec(line);
    if (!match) continue;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = match[2]!.split(/\s+/).map(Number);
    const idleAll = (idle ?? 0) + (iowait ?? 0);
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
    times.set(Number(match[1]), { busy, total: busy + idleAll });
  }
  return times;
}

/**
 * How busy one CPU was between two readings, in percent. A server CPU well
 * under 100 % while the load CPU sits at 100 % means the load generator,
 * not the server, set the pace.
 */
export function busyPercent(before: CpuTimes, after: CpuTimes, cpu: number): number {
  const a = before.get(cpu);
  const b = after.get(cpu);
  if (!a || !b || b.total === a.total) return Number.NaN;
  return (100 * (b.busy - a.busy)) / (b.total - a.total);
}
