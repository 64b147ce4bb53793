import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import type { EventBus } from './bus';
import { EventPayloadTooLarge } from './envelope';
import { createMemoryEventBus } from './memory-bus';
import { createPgEventBus } from './pg-bus';
import { createRedisEventBus } from './redis-bus';

type TestEvents = {
  'track.ready': { trackId: string };
  'chat.message': { roomId: string; text: string };
};
type Bus = EventBus<TestEvents>;

const log = pino({ level: 'silent' });

interface Adapter {
  /** Two buses as two processes would hold them. */
  pair(): [Bus, Bus];
}

/** The contract every adapter honours; `open` builds an adapter for one suite. */
function busContract(open: () => Promise<{ adapter: Adapter; cleanup: () => Promise<void> }>): void {
  let adapter: Adapter;
  let cleanup: () => Promise<void>;
  const opened: Bus[] = [];

  beforeAll(async () => {
    ({ adapter, cleanup } = await open());
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    await cleanup();
  });

  function pair(): [Bus, Bus] {
    const buses = adapter.pair();
    opened.push(...buses);
    return buses;
  }

  it('delivers an event published by one instance to a subscriber of another', async () => {
    const [publisher, subscriber] = pair();
    const ready: unknown[] = [];
    const chat: unknown[] = [];
    await subscriber.subscribe('track.ready', (p) => ready.push(p));
    await subscriber.subscribe('chat.message', (p) => chat.push(p));

    await publisher.publish('track.ready', { trackId: 't1' });
    await publisher.publish('chat.message', { roomId: 'r1', text: 'héllo ✓' });

    await vi.waitFor(() => expect(chat).toEqual([{ roomId: 'r1', text: 'héllo ✓' }]));
    expect(ready).toEqual([{ trackId: 't1' }]);
  });

  it('stops delivering to a handler once unsubscribed', async () => {
    const [publisher, subscriber] = pair();
    const ready: unknown[] = [];
    const sentinel: unknown[] = [];
    const unsubscribe = await subscriber.subscribe('track.ready', (p) => ready.push(p));
    await subscriber.subscribe('chat.message', (p) => sentinel.push(p));

    await publisher.publish('track.ready', { trackId: 'before' });
    await vi.waitFor(() => expect(ready).toHaveLength(1));

    await unsubscribe();
    await publisher.publish('track.ready', { trackId: 'after' });
    await publisher.publish('chat.message', { roomId: 'r', text: 'sentinel' });
    // One publisher's events arrive in order, so once the sentinel is here the other had its chance.
    await vi.waitFor(() => expect(sentinel).toHaveLength(1));
    expect(ready).toEqual([{ trackId: 'before' }]);
  });

  it('keeps delivering when a handler throws or rejects', async () => {
    const [publisher, subscriber] = pair();
    const received: string[] = [];
    await subscriber.subscribe('track.ready', () => {
      throw new Error('sync failure');
    });
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- an async handler on purpose: its rejection must be contained too
    await subscriber.subscribe('track.ready', async () => {
      throw new Error('async failure');
    });
    await subscriber.subscribe('track.ready', (p) => received.push(p.trackId));

    await publisher.publish('track.ready', { trackId: 'a' });
    await publisher.publish('track.ready', { trackId: 'b' });

    await vi.waitFor(() => expect(received).toEqual(['a', 'b']));
  });

  it('rejects a payload above the NOTIFY limit with a clear error and stays usable', async () => {
    const [publisher, subscriber] = pair();
    const received: unknown[] = [];
    await subscriber.subscribe('chat.message', (p) => received.push(p));

    const huge = publisher.publish('chat.message', { roomId: 'r', text: 'x'.repeat(8000) });
    await expect(huge).rejects.toBeInstanceOf(EventPayloadTooLarge);
    await expect(huge).rejects.toThrow(/at most 7999/);

    await publisher.publish('chat.message', { roomId: 'r', text: 'x'.repeat(7000) });
    await vi.waitFor(() => expect(received).toHaveLength(1));
  });

  it('refuses to publish after close', async () => {
    const [publisher] = pair();
    await publisher.close();
    await expect(publisher.publish('track.ready', { trackId: 't' })).rejects.toThrow(/closed/);
  });
}

describe('memory event bus', () => {
  busContract(async () => ({
    adapter: {
      pair: () => {
        const shared = createMemoryEventBus<TestEvents>({ log });
        return [shared, shared];
      },
    },
    cleanup: async () => undefined,
  }));
});

describe('postgres event bus', () => {
  let database: { url: string; drop: () => Promise<void> };

  busContract(async () => {
    database = await createTestDatabase();
    return {
      adapter: {
        pair: () => [
          createPgEventBus<TestEvents>({ url: database.url, log }),
          createPgEventBus<TestEvents>({ url: database.url, log }),
        ],
      },
      cleanup: () => database.drop(),
    };
  });

  it('re-listens after its connection is killed', async () => {
    const publisher = createPgEventBus<TestEvents>({ url: database.url, log });
    const subscriber = createPgEventBus<TestEvents>({
      url: database.url,
      log,
      reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const received: string[] = [];
      await subscriber.subscribe('track.ready', (p) => received.push(p.trackId));
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      expect(killed.rowCount).toBe(1);

      // Events sent while the listener is down are lost by design; keep sending until one gets through.
      await vi.waitFor(
        async () => {
          await publisher.publish('track.ready', { trackId: 'after-reconnect' });
          expect(received).toContain('after-reconnect');
        },
        { timeout: 10_000, interval: 100 },
      );
      const listeners = await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      );
      expect(listeners.rows[0]).toEqual({ n: 1 });
    } finally {
      await admin.end();
      await Promise.all([publisher.close(), subscriber.close()]);
    }
  });
});

describe.runIf(process.env.REDIS_URL)('redis event bus', () => {
  busContract(async () => {
    const url = process.env.REDIS_URL as string;
    // A channel per run: CI may run several suites against one Redis.
    const channel = `veza_test_${randomBytes(6).toString('hex')}`;
    return {
      adapter: {
        pair: () => [
          createRedisEventBus<TestEvents>({ url, log, channel }),
          createRedisEventBus<TestEvents>({ url, log, channel }),
        ],
      },
      cleanup: async () => undefined,
    };
  });
});
