/**
 * Rate limiting port over rate-limiter-flexible. The store is chosen by
 * config: Redis when REDIS_URL is set, else Postgres (the `rate_limits`
 * table), memory only in unit tests.
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
  /** Clears a key, e.g. the per-account counter after a successful login. */
  reset(key: string): Promise<void>;
}

export interface RateLimiterFactory {
  create(opts: { name: string; points: number; durationMs: number }): RateLimiter;
}
