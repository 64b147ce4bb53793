import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { FakeClock } from '@/platform/clock/clock';
import { createPool } from '@/platform/db/db';
import { RateLimited } from '@/platform/http/errors';
import type { RateLimiterFactory } from './limiter';
import { createRateLimiterFactory } from './rate-limiters';

/** Unique per run: the Redis store is shared with other suites. */
const run = randomBytes(4).toString('hex');
let seq = 0;
const uniqueName = (): string => `t${run}-${++seq}`;
/** Ten seconds into a UTC day: windows of a minute or a day have a known time left. */
const clock = new FakeClock('2026-03-01T00:00:10Z');
const windowOf = (durationMs: number): number => Math.floor(clock.now().getTime() / durationMs);

async function expectLimited(promise: Promise<unknown>): Promise<RateLimited> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RateLimited);
  return err as RateLimited;
}

function limiterContract(getFactory: () => RateLimiterFactory): void {
  beforeEach(() => clock.set('2026-03-01T00:00:10Z'));

  it('lets N points through, then throws RateLimited with Retry-After until the window ends', async () => {
    const limiter = getFactory().create({ name: uniqueName(), points: 3, durationMs: 60_000 });
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) remaining.push((await limiter.consume('ip:1')).remaining);
    expect(remaining).toEqual([2, 1, 0]);

    const err = await expectLimited(limiter.consume('ip:1'));
    expect(err.retryAfterSeconds).toBe(50);
    expect(err.headers['retry-after']).toBe('50');
    expect(err.status).toBe(429);
  });

  it('reports the limit and reset time', async () => {
    const limiter = getFactory().create({ name: uniqueName(), points: 5, durationMs: 30_000 });
    const state = await limiter.consume('k', 2);
    expect(state.limit).toBe(5);
    expect(state.remaining).toBe(3);
    expect(state.resetSeconds).toBe(20);
    await expectLimited(limiter.consume('k', 4));
  });

  it('take refuses what does not fit without using up the budget; refund gives back within the window', async () => {
    const limiter = getFactory().create({ name: uniqueName(), points: 100, durationMs: 86_400_000 });
    expect((await limiter.take('user:a', 70)).remaining).toBe(30);
    const err = await expectLimited(limiter.take('user:a', 40));
    expect(err.retryAfterSeconds).toBe(86_390);
    expect((await limiter.take('user:a', 30)).remaining).toBe(0);

    await limiter.refund('user:a', 20, clock.now());
    clock.advance(3_600_000);
    expect((await limiter.take('user:a', 20)).remaining).toBe(0);
    // Taken yesterday: the new day's budget is whole already, and a refund must not add to it.
    const yesterday = clock.now();
    clock.advance(86_400_000);
    await limiter.refund('user:a', 50, yesterday);
    expect((await limiter.take('user:a', 100)).remaining).toBe(0);
    await expectLimited(limiter.take('user:a', 1));
  });

  it('reset clears a key', async () => {
    const limiter = getFactory().create({ name: uniqueName(), points: 2, durationMs: 60_000 });
    await limiter.consume('account:a');
    await limiter.consume('account:a');
    await expectLimited(limiter.consume('account:a'));
    await limiter.reset('account:a');
    expect((await limiter.consume('account:a')).remaining).toBe(1);
  });

  it('keeps keys and limiter names independent', async () => {
    const factory = getFactory();
    const first = factory.create({ name: uniqueName(), points: 1, durationMs: 60_000 });
    const second = factory.create({ name: uniqueName(), points: 1, durationMs: 60_000 });
    await first.consume('shared');
    await expectLimited(first.consume('shared'));
    expect((await first.consume('other')).remaining).toBe(0);
    expect((await second.consume('shared')).remaining).toBe(0);
  });

  it('hashes keys too long for the store', async () => {
    const limiter = getFactory().create({ name: uniqueName(), points: 1, durationMs: 60_000 });
    const long = `account:${'x'.repeat(300)}@example.test`;
    await limiter.consume(long);
    await expectLimited(limiter.consume(long));
    expect((await limiter.consume(`${long}.other`)).remaining).toBe(0);
  });

  it('opens a new window when the clock reaches it', async () => {
    const limiter = getFactory().create({ name: uniqueName(), points: 1, durationMs: 60_000 });
    await limiter.consume('k');
    clock.advance(49_000);
    const err = await expectLimited(limiter.consume('k'));
    expect(err.retryAfterSeconds).toBe(1);
    clock.advance(1_000);
    expect((await limiter.consume('k')).remaining).toBe(0);
  });

  it('returns the same limiter for the same name and refuses conflicting settings', () => {
    const factory = getFactory();
    const name = uniqueName();
    const limiter = factory.create({ name, points: 2, durationMs: 1_000 });
    expect(factory.create({ name, points: 2, durationMs: 1_000 })).toBe(limiter);
    expect(() => factory.create({ name, points: 3, durationMs: 1_000 })).toThrow(/other settings/);
    expect(() => factory.create({ name: 'bad name', points: 1, durationMs: 1_000 })).toThrow(/invalid/);
  });
}

describe('memory rate limiters', () => {
  const factory = createRateLimiterFactory({ store: 'memory', clock });
  limiterContract(() => factory);
});

describe('postgres rate limiters', () => {
  let database: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;
  let factory: RateLimiterFactory;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, 4);
    factory = createRateLimiterFactory({ store: 'postgres', pool, clock });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  limiterContract(() => factory);

  it('stores counters in rate_limits under the limiter name', async () => {
    const name = uniqueName();
    // A fresh factory: the very first consume must not race the store's readiness.
    await createRateLimiterFactory({ store: 'postgres', pool, clock })
      .create({ name, points: 4, durationMs: 60_000 })
      .consume('ip:9', 3);
    const key = `${name}:ip:9@${windowOf(60_000)}`;
    const rows = await pool.query('SELECT key, points FROM rate_limits WHERE key = $1', [key]);
    expect(rows.rows).toEqual([{ key, points: 3 }]);
  });

  it('keeps limiting in memory when the database is unreachable', async () => {
    const deadPool = createPool(database.url, 1);
    await deadPool.end();
    const limiter = createRateLimiterFactory({ store: 'postgres', pool: deadPool, clock }).create({
      name: uniqueName(),
      points: 2,
      durationMs: 60_000,
    });
    expect((await limiter.consume('ip')).remaining).toBe(1);
    expect((await limiter.consume('ip')).remaining).toBe(0);
    await expectLimited(limiter.consume('ip'));
  });
});

describe.runIf(process.env.REDIS_URL)('redis rate limiters', () => {
  let redis: Redis;
  let factory: RateLimiterFactory;

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL as string);
    factory = createRateLimiterFactory({ store: 'redis', redis, clock });
  });
  afterAll(async () => {
    const keys = await redis.keys(`t${run}-*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  limiterContract(() => factory);

  it('stores counters under the limiter name', async () => {
    const name = uniqueName();
    await factory.create({ name, points: 4, durationMs: 60_000 }).consume('ip:9', 3);
    const key = `${name}:ip:9@${windowOf(60_000)}`;
    expect(await redis.get(key)).toBe('3');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(55);
  });
});
