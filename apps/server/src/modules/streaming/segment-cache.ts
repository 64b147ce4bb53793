/**
 * Published segments in memory, least recently used out first, within a
 * byte budget. A version's segments never change, so nothing is ever stale;
 * and a listener base plays the same few tracks, so the hot set is small.
 * Served from here a segment costs no file-system call at all, where
 * open/stat/read/close through the thread pool were most of its CPU
 * (benchmark H).
 */
export class SegmentCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly budgetBytes: number,
    /** Larger files stream from storage: one would evict too much. */
    readonly maxItemBytes = Math.min(4 * 1024 * 1024, budgetBytes / 8),
  ) {}

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, body: Buffer): void {
    if (body.length > this.maxItemBytes || this.entries.has(key)) return;
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }

  /** Drops every segment under a prefix (a deleted track's). */
  evictPrefix(prefix: string): void {
    for (const [key, value] of this.entries) {
      if (!key.startsWith(prefix)) continue;
      this.entries.delete(key);
      this.bytes -= value.length;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
