const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/** "just now", "5 minutes ago", "yesterday", then a date once it is over a week old. */
export function timeAgo(iso: string, now: number = Date.now()): string {
  let amount = (now - new Date(iso).getTime()) / 1000;
  if (amount < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (amount < size) return relative.format(-Math.round(amount), unit);
    amount /= size;
  }
  return absolute.format(new Date(iso));
}
