import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, loadConfig } from '@/config';
import { assemble, type Container } from '@/container';
import { MODULES } from '@/modules';
import { FakeClock } from '@/platform/clock/clock';
import { migrateToLatest } from '@/platform/db/migrator';
import { defineModule } from '@/platform/module';
import { buildPlatform } from '@/platform/platform';
import { createTestDatabase } from '../../../test/database';

/**
 * A subscriber whose effect is a row written in its delivery transaction,
 * so "exactly once in effect" is a row count. It fails its first attempt
 * at each event after writing, which must leave no row behind.
 */
const failedOnce = new Set<string>();
const probeModule = defineModule({
  name: 'probe',
  build: () => ({
    services: {},
    subscriptions: {
      'track.deleted': async ({ trackId }, { trx, eventId }) => {
        await sql`INSERT INTO probe_effects (event_id, track_id) VALUES (${eventId}, ${trackId})`.execute(trx);
        if (!failedOnce.has(eventId)) {
          failedOnce.add(eventId);
          throw new Error('the first attempt dies after its effect');
        }
      },
    },
  }),
});

describe('the event outbox', () => {
  let url: string;
  let drop: () => Promise<void>;
  let dataDir: string;
  let c: Container<object> | undefined;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    dataDir = `/tmp/veza-test-outbox-${process.pid}-${Date.now()}`;
  });
  afterAll(async () => {
    await c?.shutdown.shutdown();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers an event committed by a process killed before relaying it, once per subscriber, after a restart', async () => {
    const trackId = randomUUID();
    const env = { DATABASE_URL: url, VEZA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS_POLL_INTERVAL: '500ms' };
    const child = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'apps/server/test/fixtures/publish-then-die.ts'), trackId],
      { env: { ...process.env, ...env, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'apps/server/tsconfig.json') } },
    ).catch((err: { stdout: string; signal: string }) => err);
    expect(child).toMatchObject({ stdout: 'committed\n', signal: 'SIGKILL' });

    // The restart: a worker with the app's modules and the probe.
    const platform = await buildPlatform(loadConfig({ NODE_ENV: 'test', ...env }), {
      log: pino({ level: 'silent' }),
      clock: new FakeClock(new Date()),
    });
    await migrateToLatest(platform.db);
    await sql`CREATE TABLE probe_effects (event_id uuid, track_id uuid)`.execute(platform.db);
    const evictions: string[] = [];
    await platform.bus.subscribe('stream.evict', ({ trackId: id }) => evictions.push(id));
    c = assemble(platform, MODULES.add(probeModule));
    await c.startJobs({ work: true });

    const receipts = () => c!.db.selectFrom('event_receipts').select('subscriber').orderBy('subscriber').execute();
    // Every module that acts on a deleted track, and the probe: one receipt each.
    const subscribers = [...c.events.subscribersOf('track.deleted')].sort();
    expect(subscribers).toEqual(expect.arrayContaining(['probe', 'streaming', 'tracks']));
    await expect
      .poll(async () => (await receipts()).map((r) => r.subscriber), { timeout: 80_000, interval: 250 })
      .toEqual(subscribers);
    const effects = await sql<{ track_id: string }>`SELECT track_id FROM probe_effects`.execute(c.db);
    expect(effects.rows).toEqual([{ track_id: trackId }]);
    await expect.poll(() => evictions, { timeout: 5_000 }).toEqual([trackId]);
    const relayed = await c.db.selectFrom('event_outbox').select('relayed_at').execute();
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.relayed_at).not.toBeNull();
  }, 120_000); // a child process, a restart and a retry with backoff, on a shared machine

  it('acts once on a delivery job that runs twice', async () => {
    const container = c!;
    const eventId = await container.db
      .transaction()
      .execute((trx) =>
        container.events.publish(trx, 'track.deleted', { trackId: randomUUID(), ownerId: randomUUID(), filePath: 'x' }),
      );
    failedOnce.add(eventId); // this test is about duplicates, not failures
    const job = { eventId, name: 'track.deleted', subscriber: 'probe', payload: { trackId: eventId } };
    const log = pino({ level: 'silent' });
    expect(await container.events.deliver(job, log)).toBe('delivered');
    expect(await container.events.deliver(job, log)).toBe('duplicate');
    const effects = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM probe_effects WHERE event_id = ${eventId}`.execute(container.db);
    expect(effects.rows[0]?.n).toBe(1);
  });

  it('writes no event when the change rolls back', async () => {
    const container = c!;
    const before = await container.db
      .selectFrom('event_outbox')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirst();
    await container.db
      .transaction()
      .execute(async (trx) => {
        await container.events.publish(trx, 'track.deleted', {
          trackId: randomUUID(),
          ownerId: randomUUID(),
          filePath: 'x',
        });
        throw new Error('the change fails');
      })
      .catch(() => undefined);
    const after = await container.db
      .selectFrom('event_outbox')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirst();
    expect(after?.n).toBe(before?.n);
  });
});
