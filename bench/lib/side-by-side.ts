import { runLoad, type LoadRequest, type LoadResult } from './load';
import { processCpuMs, sampleRss } from './proc';
import type { LoadSettings } from './settings';
import { max, median, sum } from './stats';

/**
 * The measurement every benchmark shares: warm both sides up, then run ours
 * and the anchor in turn, `rounds` times, and keep the medians. Side by side
 * in the same minute, so machine noise hits both and cancels in the ratio.
 */

export interface Target {
  url: string;
  /** The server process, for its peak RSS. */
  pid: number;
}

export interface Run extends LoadResult {
  peakRssMb: number;
  /** CPU time the server process itself spent per request (Postgres excluded). */
  serverCpuUsPerRequest: number;
  /** The server process's CPU time over wall time: under ~95 % it was starved or not the bottleneck. */
  serverProcessCpu: number;
}

export interface SideSummary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Failed requests over every run of this side, warm-up included. */
  failed: number;
  peakRssMb: number;
  serverCpuUsPerRequest: number;
  serverProcessCpu: number;
  loadCoreBusy: number;
  warmup: Run;
  runs: Run[];
}

export interface SideBySide {
  ours: SideSummary;
  anchor: SideSummary;
}

type SideName = keyof SideBySide;

export async function sideBySide(
  benchId: string,
  targets: Record<SideName, Target>,
  load: LoadSettings,
  /** The load generator: autocannon (lib/load.ts) unless a benchmark needs another (lib/wrk.ts). */
  runner: (req: LoadRequest) => Promise<LoadResult> = runLoad,
): Promise<SideBySide> {
  const sides = await inTurn(benchId, targets, load, runner);
  return { ours: sides.ours, anchor: sides.anchor };
}

/**
 * The same with any number of sides (ours, the anchor, informational
 * ceilings), each measured in every round; a row then pairs ours with
 * any one of them.
 */
export async function inTurn<Name extends string>(
  benchId: string,
  targets: Record<Name, Target>,
  load: LoadSettings,
  runner: (req: LoadRequest) => Promise<LoadResult> = runLoad,
): Promise<Record<Name, SideSummary>> {
  const names = Object.keys(targets) as Name[];
  const runs = Object.fromEntries(names.map((name) => [name, [] as Run[]])) as Record<Name, Run[]>;
  const warmups = {} as Record<Name, Run>;

  // Warm-up lets V8 optimise the hot paths and both pools fill before anything counts.
  for (const side of names) {
    warmups[side] = await measure(targets[side], load.connections, load.warmupSec, runner);
    progress(benchId, 'warm-up', side, warmups[side]);
  }

  for (let round = 0; round < load.rounds; round++) {
    // ours-anchor, anchor-ours, ...: a slow drift of the machine does not always favour the same side.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const side of order) {
      const run = await measure(targets[side], load.connections, load.durationSec, runner);
      runs[side].push(run);
      progress(benchId, `run ${round + 1}/${load.rounds}`, side, run);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(runs[name], warmups[name])])) as Record<
    Name,
    SideSummary
  >;
}

async function measure(
  target: Target,
  connections: number,
  durationSec: number,
  runner: (req: LoadRequest) => Promise<LoadResult>,
): Promise<Run> {
  return measureWith(target.pid, () => runner({ url: target.url, connections, durationSec }));
}

/** One load run of any kind, with the server's peak RSS and CPU time around it. */
export async function measureWith(pid: number, load: () => Promise<LoadResult>): Promise<Run> {
  const rss = sampleRss(pid);
  const [cpuBefore, wallBefore] = [processCpuMs(pid), performance.now()];
  const result = await load();
  const [cpuMs, wallMs] = [processCpuMs(pid) - cpuBefore, performance.now() - wallBefore];
  return {
    ...result,
    peakRssMb: rss.stop(),
    serverCpuUsPerRequest: (cpuMs * 1000) / result.requests,
    serverProcessCpu: (100 * cpuMs) / wallMs,
  };
}

export function summarize(runs: Run[], warmup: Run): SideSummary {
  return {
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    failed: warmup.failed + sum(runs.map((r) => r.failed)),
    peakRssMb: max(runs.map((r) => r.peakRssMb)),
    serverCpuUsPerRequest: median(runs.map((r) => r.serverCpuUsPerRequest)),
    serverProcessCpu: median(runs.map((r) => r.serverProcessCpu)),
    loadCoreBusy: median(runs.map((r) => r.loadCoreBusy)),
    warmup,
    runs,
  };
}

export function progress(benchId: string, phase: string, side: string, run: Run): void {
  const rps = Math.round(run.reqPerSec).toLocaleString('en-US').padStart(7);
  process.stderr.write(
    `  [${benchId}] ${phase.padEnd(9)} ${side.padEnd(7)} ${rps} req/s  p50 ${run.p50Ms} ms  p99 ${run.p99Ms} ms` +
      `  failed ${run.failed}  server ${run.serverCpuUsPerRequest.toFixed(0)} µs CPU/req, ${run.serverProcessCpu.toFixed(0)}% CPU` +
      ` (core ${run.serverCoreBusy.toFixed(0)}% busy)  load core ${run.loadCoreBusy.toFixed(0)}% busy` +
      `  rss ${run.peakRssMb.toFixed(0)} MB\n`,
  );
}
