/**
 * Published segments in memory, least recently used out first, within a
 * byte budget. A version's segments never change, so nothing is ever stale;
 * and a listener base plays the same few tracks, so the hot set is small.
 * Served from here a segment costs no file-system call at all, where
 * open/stat/read/close through the thread pool were most of its CPU
 * (benchmark H).
 */
export class SegmentCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Counts insertions: an entry's stamp says how far from the newest end it sits. */
  private inserted = 0;

  constructor(
    private readonly budgetBytes: number,
    /** Larger files stream from storage: one would evict too much. */
    readonly maxItemBytes = Math.min(4 * 1024 * 1024, budgetBytes / 8),
  ) {}

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Map keeps insertion order: re-inserting marks it most recently used. An entry already among
    // the newest quarter is far from eviction, so it is left where it is: a hot segment is read
    // hundreds of times a second, and moving it each time cost more than finding it.
    if (this.inserted - hit.stamp > this.entries.size >> 2) {
      this.entries.delete(key);
      hit.stamp = ++this.inserted;
      this.entries.set(key, hit);
    }
    return hit.body;
  }

  set(key: string, body: Buffer): void {
    if (body.length > this.maxItemBytes || this.entries.has(key)) return;
    this.entries.set(key, { body, stamp: ++this.inserted });
    this.bytes += body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.body.length;
    }
  }

  /** Drops every segment under a prefix (a deleted track's). */
  evictPrefix(prefix: string): void {
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(prefix)) continue;
      this.entries.delete(key);
      this.bytes -= entry.body.length;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

interface Entry {
  body: Buffer;
  stamp: number;
}
