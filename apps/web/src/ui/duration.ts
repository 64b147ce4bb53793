/** 83_000 → "1:23", 3_723_000 → "1:02:03"; unknown or negative → "0:00". */
export function formatDuration(ms: number | null | undefined): string {
  const total = ms && ms > 0 && Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** For screen readers: "1 minute 23 seconds". */
export function spokenDuration(ms: number | null | undefined): string {
  const total = ms && ms > 0 && Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
  const parts: string[] = [];
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (minutes) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (seconds || parts.length === 0) parts.push(`${seconds} ${seconds === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** 1234 → "1.2K plays", 1 → "1 play". */
export function formatPlays(count: number): string {
  return `${count < 1000 ? count : compact.format(count)} ${count === 1 ? 'play' : 'plays'}`;
}
