import type { SideBySide } from './side-by-side';

/** What a bench/<id>-*.bench.ts file exports by default, and the rows it reports. */

export interface Benchmark {
  /** The figure's id in BENCHMARKS.md (F, A, S, ...); `npm run bench -- <id>` selects it. */
  id: string;
  title: string;
  run(): Promise<BenchmarkResult>;
}

export interface BenchmarkResult {
  rows: Row[];
  /** How it was run (log level, SQL, pinning read back from /proc...), printed under the table. */
  notes: string[];
}

/**
 * A goal on the ratio ours / anchor: 'at-least' for throughput, 'at-most'
 * for latency. `target` is the ambition, `must` the floor. An 'info' row
 * has none: it sets our figure beside a ceiling we do not aim for (a hello
 * world, nginx's sendfile) next to the row that is judged.
 */
export type Goal = Bound | { kind: 'info' };

export interface Bound {
  kind: 'at-least' | 'at-most';
  must: number;
  target?: number;
  /**
   * Set (to the unit) when must / target bound the figure itself rather
   * than the ratio: "≥ 1,300 req/s", "RSS growth ≤ 64 MB".
   */
  absolute?: string;
}

export const INFORMATIONAL: Goal = { kind: 'info' };

export type Verdict = 'target' | 'must' | 'miss' | 'info';

export interface Row {
  benchmark: string;
  figure: string;
  unit: string;
  ours: number;
  anchor: number;
  ratio: number;
  goal: Goal;
  verdict: Verdict;
  /** Failed requests on both sides: any makes the benchmark fail. */
  failed: number;
  /** Per-side detail (p50, p99, RSS, CPU, every run) for the row that owns the measurement. */
  sides?: SideBySide;
}

export function verdict(ratio: number, goal: Goal): Verdict {
  if (goal.kind === 'info') return 'info';
  const meets = (limit: number) => (goal.kind === 'at-least' ? ratio >= limit : ratio <= limit);
  if (!meets(goal.must)) return 'miss';
  return goal.target === undefined || meets(goal.target) ? 'target' : 'must';
}

export function throughputRow(benchmark: string, figure: string, sides: SideBySide, goal: Goal): Row {
  return makeRow(
    benchmark,
    `${figure} req/s`,
    'req/s',
    sides.ours.reqPerSec,
    sides.anchor.reqPerSec,
    goal,
    sides,
    true,
  );
}

export function p99Row(benchmark: string, figure: string, sides: SideBySide, goal: Goal): Row {
  return makeRow(benchmark, `${figure} p99`, 'ms', sides.ours.p99Ms, sides.anchor.p99Ms, goal, sides, false);
}

function makeRow(
  benchmark: string,
  figure: string,
  unit: string,
  ours: number,
  anchor: number,
  goal: Goal,
  sides: SideBySide,
  ownsDetail: boolean,
): Row {
  const ratio = ours / anchor;
  return {
    benchmark,
    figure,
    unit,
    ours,
    anchor,
    ratio,
    goal,
    verdict: verdict(ratio, goal),
    failed: sides.ours.failed + sides.anchor.failed,
    ...(ownsDetail ? { sides } : {}),
  };
}

/**
 * A row for any figure (seconds, MiB/s, MB, ms), judged on the ratio or,
 * when the goal is `absolute`, on our own value. `failed` counts failed
 * requests or runs on both sides; any fails the benchmark.
 */
export function figureRow(
  benchmark: string,
  figure: string,
  unit: string,
  values: { ours: number; anchor: number; failed: number },
  goal: Goal,
  sides?: SideBySide,
): Row {
  const ratio = values.ours / values.anchor;
  return {
    benchmark,
    figure,
    unit,
    ours: values.ours,
    anchor: values.anchor,
    ratio,
    goal,
    verdict: verdict(goal.kind === 'info' || goal.absolute === undefined ? ratio : values.ours, goal),
    failed: values.failed,
    ...(sides ? { sides } : {}),
  };
}
