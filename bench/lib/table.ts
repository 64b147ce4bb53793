import type { Goal, Row, Verdict } from './benchmark';

/** The one table `npm run bench` prints: the ratio and its goal first, then what explains them. */

const HEADERS = [
  'figure',
  'ours',
  'anchor',
  'ratio',
  'goal (must / target)',
  'pass?',
  'p50 ms',
  'p99 ms',
  'errors',
  'peak RSS MB',
  'server CPU µs/req',
  'server CPU %',
  'load core %',
];
/** Detail cells read "ours / anchor". */
const RIGHT_ALIGNED = new Set([1, 2, 3]);

export function renderTable(rows: Row[]): string {
  const cells = rows.map(rowCells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (RIGHT_ALIGNED.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (RIGHT_ALIGNED.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(HEADERS), rule, ...cells.map(line)].join('\n');
}

function rowCells(row: Row): string[] {
  const s = row.sides;
  const pair = (ours: number, anchor: number, digits = 0) => `${ours.toFixed(digits)} / ${anchor.toFixed(digits)}`;
  return [
    `${row.benchmark} ${row.figure}`,
    formatValue(row.ours, row.unit),
    formatValue(row.anchor, row.unit),
    `${row.ratio.toFixed(2)}×`,
    formatGoal(row.goal),
    VERDICT_LABEL[row.verdict],
    s ? pair(s.ours.p50Ms, s.anchor.p50Ms, 1) : '',
    s ? pair(s.ours.p99Ms, s.anchor.p99Ms, 1) : '',
    s ? `${s.ours.failed} / ${s.anchor.failed}` : '',
    s ? pair(s.ours.peakRssMb, s.anchor.peakRssMb) : '',
    s ? pair(s.ours.serverCpuUsPerRequest, s.anchor.serverCpuUsPerRequest) : '',
    s ? pair(s.ours.serverProcessCpu, s.anchor.serverProcessCpu) : '',
    s ? pair(s.ours.loadCoreBusy, s.anchor.loadCoreBusy) : '',
  ];
}

const VERDICT_LABEL: Record<Verdict, string> = {
  target: 'yes (target)',
  must: 'yes (must)',
  miss: 'NO',
  info: '(info)',
};

export function formatGoal(goal: Goal): string {
  if (goal.kind === 'info') return 'none: informational';
  const sign = goal.kind === 'at-least' ? '≥' : '≤';
  const unit = goal.absolute === undefined ? '×' : ` ${goal.absolute}`;
  return goal.target === undefined
    ? `${sign} ${goal.must}${unit}`
    : `${sign} ${goal.must}${unit} / ${sign} ${goal.target}${unit}`;
}

function formatValue(value: number, unit: string): string {
  return unit === 'req/s' ? `${Math.round(value).toLocaleString('en-US')} req/s` : `${value.toFixed(1)} ${unit}`;
}
