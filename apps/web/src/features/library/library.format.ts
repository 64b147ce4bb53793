const dayMonth = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });
const full = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });
const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });

/** "12 Mar", or "12 Mar 2024" when not this year. */
export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return (date.getFullYear() === now.getFullYear() ? dayMonth : full).format(date);
}

/** "Today, 14:05", "12 Mar, 09:30": when a play happened. */
export function playedAt(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === now.toDateString();
  return `${sameDay ? 'Today' : shortDate(iso, now)}, ${time.format(date)}`;
}
