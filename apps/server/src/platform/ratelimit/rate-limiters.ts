import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { systemClock, type Clock } from '@/platform/clock/clock';
import { RateLimited } from '@/platform/http/errors';
import type { RateLimiter, RateLimiterFactory, RateLimitState } from './limiter';

export type RateLimitStoreOptions =
  { store: 'postgres'; pool: pg.Pool } | { store: 'redis'; redis: Redis } | { store: 'memory' };

/** Without a log, store outages fall back to memory silently (unit tests). Without a clock, real time. */
export type RateLimiterFactoryOptions = RateLimitStoreOptions & { log?: Logger; clock?: Clock };

const STORE_DOWN_LOG_INTERVAL_MS = 60_000;
/** rate_limits.key is varchar(255); longer keys (long e-mails) are hashed to fit. */
const MAX_RAW_KEY_LENGTH = 180;

/**
 * Limiters over rate-limiter-flexible on the configured store. A window is a
 * fixed slice of the clock (epoch-aligned, so a day is a UTC day), named in
 * the key: the clock decides when a budget renews, the store only counts and
 * expires old keys (its TTL, whole seconds because Redis expires keys in
 * seconds, always outlasts the window it counts). When the shared store
 * fails, each limiter keeps limiting per process in memory: a Redis or
 * database blip must neither lock users out nor lift the limits.
 */
export function createRateLimiterFactory(opts: RateLimiterFactoryOptions): RateLimiterFactory {
  const created = new Map<string, { points: number; durationMs: number; limiter: RateLimiter }>();
  let sweeperAssigned = false;

  function storeLimiter(base: { keyPrefix: string; points: number; duration: number }): {
    limiter: RateLimiterAbstract;
    ready: Promise<void>;
  } {
    switch (opts.store) {
      case 'memory':
        return { limiter: new RateLimiterMemory(base), ready: Promise.resolve() };
      case 'redis':
        return {
          // Not ready means reconnecting: go to the fallback now rather than queue behind the reconnect.
          limiter: new RateLimiterRedis({ ...base, storeClient: opts.redis, rejectIfRedisNotReady: true }),
          ready: Promise.resolve(),
        };
      case 'postgres': {
        // One limiter is enough to purge expired rows for the whole table.
        const clearExpiredByTimeout = !sweeperAssigned;
        sweeperAssigned = true;
        let limiter!: RateLimiterPostgres;
        const ready = new Promise<void>((resolve, reject) => {
          limiter = new RateLimiterPostgres(
            {
              ...base,
              storeClient: opts.pool,
              storeType: 'pool',
              tableName: 'rate_limits',
              tableCreated: true,
              clearExpiredByTimeout,
            },
            (err) => (err ? reject(err) : resolve()),
          );
        });
        return { limiter, ready };
      }
    }
  }

  return {
    create({ name, points, durationMs }) {
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`invalid rate limiter name "${name}"`);
      if (!Number.isInteger(points) || points < 1)
        throw new Error(`rate limiter "${name}": points must be a positive integer`);
      if (!(durationMs > 0)) throw new Error(`rate limiter "${name}": durationMs must be positive`);
      const existing = created.get(name);
      if (existing) {
        // Two limiters sharing a name would share counters with different rules.
        if (existing.points !== points || existing.durationMs !== durationMs) {
          throw new Error(`rate limiter "${name}" already exists with other settings`);
        }
        return existing.limiter;
      }
      const base = { keyPrefix: name, points, duration: Math.max(1, Math.ceil(durationMs / 1000)) };
      const { limiter: store, ready } = storeLimiter(base);
      const limiter = new StoreRateLimiter({
        name,
        points,
        durationMs,
        clock: opts.clock ?? systemClock,
        store,
        ready,
        fallback: opts.store === 'memory' ? undefined : new RateLimiterMemory(base),
        log: opts.log,
      });
      created.set(name, { points, durationMs, limiter });
      return limiter;
    },
  };
}

class StoreRateLimiter implements RateLimiter {
  private lastStoreDownLog = -Infinity;

  constructor(
    private readonly opts: {
      name: string;
      points: number;
      durationMs: number;
      clock: Clock;
      store: RateLimiterAbstract;
      ready: Promise<void>;
      fallback: RateLimiterAbstract | undefined;
      log: Logger | undefined;
    },
  ) {}

  async consume(key: string, points = 1): Promise<RateLimitState> {
    const window = this.window(this.opts.clock.now());
    const res = await this.onStore((store) => store.consume(window.key(key), points)).catch((err: unknown) => {
      throw err instanceof RateLimiterRes ? new RateLimited(window.retryAfterSeconds) : err;
    });
    return { limit: this.opts.points, remaining: res.remainingPoints, resetSeconds: window.retryAfterSeconds };
  }

  async take(key: string, points: number): Promise<RateLimitState> {
    const window = this.window(this.opts.clock.now());
    const storeKey = window.key(key);
    const res = await this.onStore(async (store) => {
      try {
        return await store.consume(storeKey, points);
      } catch (err) {
        // The store counted the refused points too: hand them back on the store that took them.
        if (err instanceof RateLimiterRes) await store.reward(storeKey, points);
        throw err;
      }
    }).catch((err: unknown) => {
      throw err instanceof RateLimiterRes ? new RateLimited(window.retryAfterSeconds) : err;
    });
    return { limit: this.opts.points, remaining: res.remainingPoints, resetSeconds: window.retryAfterSeconds };
  }

  async refund(key: string, points: number, takenAt: Date): Promise<void> {
    const now = this.window(this.opts.clock.now());
    const then = this.window(takenAt);
    // A window that has ended renewed the budget already; a refund into the new one would be a gift.
    if (points <= 0 || now.index !== then.index) return;
    await this.onStore((store) => store.reward(now.key(key), points));
  }

  async reset(key: string): Promise<void> {
    const storeKey = this.window(this.opts.clock.now()).key(key);
    await this.opts.fallback?.delete(storeKey);
    await this.opts.ready;
    await this.opts.store.delete(storeKey);
  }

  private window(at: Date): { index: number; key: (key: string) => string; retryAfterSeconds: number } {
    const { durationMs } = this.opts;
    const index = Math.floor(at.getTime() / durationMs);
    const endsInMs = (index + 1) * durationMs - at.getTime();
    return {
      index,
      key: (key) => toStoreKey(`${key}@${index}`),
      retryAfterSeconds: Math.max(1, Math.ceil(endsInMs / 1000)),
    };
  }

  /** Runs on the shared store, or on the in-memory fallback while the store is down. */
  private async onStore<T>(op: (store: RateLimiterAbstract) => Promise<T>): Promise<T> {
    try {
      await this.opts.ready;
      return await op(this.opts.store);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw err;
      const fallback = this.opts.fallback;
      if (!fallback) throw err;
      this.logStoreDown(err);
      return op(fallback);
    }
  }

  private logStoreDown(err: unknown): void {
    const now = Date.now();
    if (now - this.lastStoreDownLog < STORE_DOWN_LOG_INTERVAL_MS) return;
    this.lastStoreDownLog = now;
    this.opts.log?.warn({ err, limiter: this.opts.name }, 'rate limit store unavailable, limiting in memory');
  }
}

function toStoreKey(key: string): string {
  if (key.length <= MAX_RAW_KEY_LENGTH) return key;
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}
