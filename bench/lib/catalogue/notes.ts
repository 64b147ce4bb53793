import type { CachedCatalogue } from './cache';

/** 1M, 10k, 250k: a catalogue size as the figures name it. */
export function count(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

/** Where a benchmark's catalogue came from: the cache, or generated in this run (and how long each step took). */
export function catalogueNote(c: CachedCatalogue): string {
  const size = `${c.catalogue.size.tracks.toLocaleString('en-US')} tracks, ${c.catalogue.users.toLocaleString('en-US')} users (seed ${c.catalogue.size.seed})`;
  if (!c.generated) return `catalogue of ${size}: from the cache (${c.pgDir})`;
  const steps = Object.entries(c.generated.steps)
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  return `catalogue of ${size}: generated in ${(c.generated.totalMs / 1000).toFixed(0)} s (${steps}; the rest is Veza's first start and stop)`;
}
