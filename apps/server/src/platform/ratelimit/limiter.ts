/**
 * Rate limiting port over rate-limiter-flexible. The store is chosen by
 * config: Redis when REDIS_URL is set, else Postgres (the `rate_limits`
 * table), memory only in unit tests. Windows are fixed slices of the clock
 * (a daily budget resets at 00:00 UTC), so tests move time instead of sleeping.
 */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface RateLimiter {
  /** Takes `points` (default 1); throws RateLimited (429 + Retry-After) when exhausted. */
  consume(key: string, points?: number): Promise<RateLimitState>;
  /**
   * Takes `points` only if they all fit: a refused take leaves the budget as
   * it was. For budgets counted in bytes, where one large request refused
   * must not use up what a smaller one could still have.
   */
  take(key: string, points: number): Promise<RateLimitState>;
  /** Gives back points taken at `takenAt`; nothing happens once that window has ended. */
  refund(key: string, points: number, takenAt: Date): Promise<void>;
  /** Clears a key, e.g. the per-account counter after a successful login. */
  reset(key: string): Promise<void>;
}

export interface RateLimiterFactory {
  create(opts: { name: string; points: number; durationMs: number }): RateLimiter;
}
