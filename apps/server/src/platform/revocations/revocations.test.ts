import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { FakeClock } from '@/platform/clock/clock';
import { createDb, createPool, type Db } from '@/platform/db/db';
import { Unavailable } from '@/platform/http/errors';
import { AccessRevocations, type RevocationStore } from './revocations';
import { PgRevocationStore } from './pg-store';
import { RedisRevocationStore } from './redis-store';

const TTL = 15 * 60_000;

/** Two stores over the same backend stand for two server processes. */
function revocationContract(stores: () => { here: RevocationStore; there: RevocationStore }): void {
  const setup = () => {
    const clock = new FakeClock(new Date());
    const { here, there } = stores();
    return {
      clock,
      revoker: new AccessRevocations({ store: here, clock, accessTokenTtlMs: TTL }),
      checker: new AccessRevocations({ store: there, clock, accessTokenTtlMs: TTL }),
    };
  };
  const token = (clock: FakeClock, ids: { userId: string; sessionId: string }, ageMs = 0) => ({
    ...ids,
    issuedAt: new Date(clock.now().getTime() - ageMs),
  });

  it("a session's revocation refuses its tokens in another process, and no one else's", async () => {
    const { clock, revoker, checker } = setup();
    const ids = { userId: randomUUID(), sessionId: randomUUID() };
    const sibling = { userId: ids.userId, sessionId: randomUUID() };
    expect(await checker.isRevoked(token(clock, ids, 1000))).toBe(false);
    await revoker.revokeSessions([ids.sessionId]);
    expect(await checker.isRevoked(token(clock, ids, 1000))).toBe(true);
    expect(await checker.isRevoked(token(clock, sibling, 1000))).toBe(false);
  });

  it("a user's revocation refuses every older token of theirs, not the ones minted after", async () => {
    const { clock, revoker, checker } = setup();
    const a = { userId: randomUUID(), sessionId: randomUUID() };
    const b = { userId: a.userId, sessionId: randomUUID() };
    await revoker.revokeUser(a.userId);
    expect(await checker.isRevoked(token(clock, a, 1))).toBe(true);
    expect(await checker.isRevoked(token(clock, b, 0))).toBe(true);
    clock.advance(1);
    expect(await checker.isRevoked(token(clock, b))).toBe(false);
  });

  it('a later revocation moves the cutoff forward, never back', async () => {
    const { clock, revoker, checker } = setup();
    const ids = { userId: randomUUID(), sessionId: randomUUID() };
    await revoker.revokeUser(ids.userId);
    clock.advance(5_000);
    const minted = token(clock, ids);
    clock.advance(5_000);
    await revoker.revokeUser(ids.userId);
    expect(await checker.isRevoked(minted)).toBe(true);
    // An older cutoff written late (a slow process) does not resurrect the tokens.
    clock.advance(-10_000);
    await revoker.revokeUser(ids.userId);
    expect(await checker.isRevoked(minted)).toBe(true);
  });
}

describe('postgres revocation store', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dbs: Db[];

  beforeAll(async () => {
    database = await createTestDatabase();
    dbs = [createDb(createPool(database.url, 2)), createDb(createPool(database.url, 2))];
  });
  afterAll(async () => {
    for (const db of dbs) await db.destroy();
    await database.drop();
  });

  revocationContract(() => ({ here: new PgRevocationStore(dbs[0]!), there: new PgRevocationStore(dbs[1]!) }));

  it('forgets entries once the tokens they refuse have expired', async () => {
    const clock = new FakeClock(new Date());
    const store = new PgRevocationStore(dbs[0]!);
    const revocations = new AccessRevocations({ store, clock, accessTokenTtlMs: TTL });
    const ids = { userId: randomUUID(), sessionId: randomUUID() };
    await revocations.revokeSessions([ids.sessionId]);
    expect(await revocations.purgeExpired()).toBe(0);
    clock.advance(TTL + 2 * 60_000);
    expect(await revocations.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left = await dbs[0]!
      .selectFrom('access_revocations')
      .selectAll()
      .where('subject', '=', `session:${ids.sessionId}`)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('an unreachable store', () => {
  it('refuses the request with a 503 rather than let a possibly revoked token through', async () => {
    // Nothing listens on port 1 on loopback: every query fails to connect.
    const db = createDb(createPool('postgres://veza@127.0.0.1:1/veza', 1));
    const revocations = new AccessRevocations({
      store: new PgRevocationStore(db),
      clock: new FakeClock(new Date()),
      accessTokenTtlMs: TTL,
    });
    const err = await revocations
      .isRevoked({ userId: randomUUID(), sessionId: randomUUID(), issuedAt: new Date() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unavailable);
    expect((err as Unavailable).status).toBe(503);
    await db.destroy();
  });
});

describe.runIf(process.env.REDIS_URL)('redis revocation store', () => {
  let clients: Redis[];

  beforeAll(() => {
    clients = [new Redis(process.env.REDIS_URL as string), new Redis(process.env.REDIS_URL as string)];
  });
  afterAll(async () => {
    for (const client of clients) await client.quit();
  });

  revocationContract(() => ({
    here: new RedisRevocationStore(clients[0]!),
    there: new RedisRevocationStore(clients[1]!),
  }));

  it('lets Redis expire entries after the access token lifetime', async () => {
    const clock = new FakeClock(new Date());
    const sessionId = randomUUID();
    await new AccessRevocations({
      store: new RedisRevocationStore(clients[0]!),
      clock,
      accessTokenTtlMs: TTL,
    }).revokeSessions([sessionId]);
    const ttl = await clients[1]!.pttl(`veza:revoked:session:${sessionId}`);
    expect(ttl).toBeGreaterThan(TTL);
    expect(ttl).toBeLessThanOrEqual(TTL + 60_000);
  });
});
