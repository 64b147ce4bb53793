import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runToEnd, type LoadRequest, type LoadResult } from './load';
import { pinnedCommand } from './pinning';
import { busyPercent, cpuTimes } from './proc';
import { LOAD_CPU, SERVER_CPU } from './settings';

/**
 * wrk (Debian) as the load generator, for servers autocannon cannot keep
 * busy: one thread on the load CPU, keep-alive connections, the same
 * connections and durations as autocannon's runs, read back as a LoadResult.
 */

/** The wrk binary, installing Debian's package when it is missing; a reason instead when that fails. */
export function ensureWrk(): { binary: string } | { missing: string } {
  const found = which('wrk');
  if (found) return { binary: found };
  process.stderr.write('  wrk is missing: apt-get install -y wrk\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'wrk'], { env, encoding: 'utf8' });
  let result = install();
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
    result = install();
  }
  const binary = which('wrk');
  if (binary) return { binary };
  const why = result.error?.message ?? (result.stderr || result.stdout || '').trim().split('\n').slice(-2).join(' ');
  return { missing: `wrk is not installed and apt-get could not install it: ${why}` };
}

function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

export function wrkRunner(binary: string): (req: LoadRequest) => Promise<LoadResult> {
  return async (req) => {
    if (req.rate !== undefined) throw new Error('wrk has no fixed-rate mode; use autocannon for that');
    const cli = ['-t1', `-c${req.connections}`, `-d${req.durationSec}s`, '--latency', req.url];
    const { command, args } = pinnedCommand(LOAD_CPU, binary, cli);
    const before = cpuTimes();
    const stdout = await runToEnd(command, args, 'wrk');
    const after = cpuTimes();
    return {
      ...parseWrk(stdout),
      serverCoreBusy: busyPercent(before, after, SERVER_CPU),
      loadCoreBusy: busyPercent(before, after, LOAD_CPU),
    };
  };
}

/** The figures of wrk's report: "N requests in Xs", the --latency percentiles, socket errors, non-2xx. */
export function parseWrk(out: string): Omit<LoadResult, 'serverCoreBusy' | 'loadCoreBusy'> {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m)\b/.exec(out);
  if (!total) throw new Error(`could not read wrk's report:\n${out}`);
  const requests = Number(total[1]);
  const seconds = toMs(Number(total[2]), total[3]!) / 1000;
  const percentile = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? toMs(Number(m[1]), m[2]!) : Number.NaN;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    reqPerSec: requests / seconds,
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    requests,
    failed: socketErrors + non2xx,
  };
}

function toMs(value: number, unit: string): number {
  return value * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit] ?? Number.NaN);
}
