import { PassThrough } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaFixtures } from '@/platform/media/media.fixtures';
import { createTestApp } from '../../../test/app';
import { ORPHAN_TRACK_AGE_THRESHOLD_MS, ORPHAN_TRACK_MESSAGE, cleanupOrphanTracks } from './orphan-cleanup';
import { STALE_AFTER_MS } from './track-processing';
import { TracksRepo } from './tracks.repo';
import type { UploadPart } from './tracks.service';

const { c, clock, given } = await createTestApp({ JOBS_POLL_INTERVAL: '500ms' });
const media = await MediaFixtures.create(c.media);
afterAll(() => media.remove());
const repo = new TracksRepo(c.db, c.clock);
const artist = await given.user({ role: 'artist' });

describe('crash recovery', () => {
  it('a server killed mid-upload leaves a processing row without its file, which the sweep fails after an hour', async () => {
    const body = new PassThrough();
    async function* parts(): AsyncGenerator<UploadPart> {
      yield { kind: 'field', name: 'title', value: 'Killed mid-upload' };
      yield { kind: 'file', name: 'file', filename: 'long.wav', stream: body };
    }
    const upload = c.services.tracks.upload(artist.id, parts()).catch(() => undefined);
    body.write(Buffer.alloc(64 * 1024, 1));
    await expect
      .poll(() => c.db.selectFrom('tracks').selectAll().where('title', '=', 'Killed mid-upload').executeTakeFirst())
      .toBeDefined();
    const row = await c.db
      .selectFrom('tracks')
      .selectAll()
      .where('title', '=', 'Killed mid-upload')
      .executeTakeFirstOrThrow();
    // This is what kill -9 leaves: the row, and no blob at file_path (only a temp file beside it).
    expect(row.status).toBe('processing');
    expect(await c.storage.stat(row.file_path)).toBeNull();

    // After a restart the row stays until the threshold, then the sweep fails it.
    const deps = { db: c.db, storage: c.storage, clock, events: c.events, log: pino({ level: 'silent' }) };
    await cleanupOrphanTracks(deps);
    expect((await repo.byId(row.id))?.status).toBe('processing');
    clock.advance(ORPHAN_TRACK_AGE_THRESHOLD_MS + 1000);
    await cleanupOrphanTracks(deps);
    expect(await repo.byId(row.id)).toMatchObject({ status: 'failed', status_message: ORPHAN_TRACK_MESSAGE });

    body.destroy(new Error('connection reset'));
    await upload;
  });

  it('a worker killed mid-transcode loses the track to a new attempt once its heartbeat is stale, and the track ends ready', async () => {
    const wav = await readFile(await media.tone('crash.wav', { seconds: 4 }));
    async function* parts(): AsyncGenerator<UploadPart> {
      yield { kind: 'file', name: 'file', filename: 'crash.wav', stream: PassThrough.from([wav]) };
    }
    const track = await c.services.tracks.upload(artist.id, parts());

    // The killed worker had claimed it and beaten once, then went silent.
    expect(await repo.claim(track.id, 'killed-attempt', clock.now(), new Date(0))).not.toBeNull();
    await c.jobs.runOnce('tracks.process', { trackId: track.id });
    expect((await repo.byId(track.id))?.status).toBe('processing'); // held by a live-looking attempt: left alone

    clock.advance(STALE_AFTER_MS + 1000);
    const stalled = await repo.stalled({
      unclaimedBefore: new Date(clock.now().getTime() - 120_000),
      silentBefore: new Date(clock.now().getTime() - STALE_AFTER_MS),
      limit: 10,
    });
    expect(stalled.map((s) => s.id)).toContain(track.id);

    // A worker starts: its boot sweep re-queues the track through the queue, and a consumer processes it.
    await c.startJobs({ work: true });
    await expect
      .poll(async () => (await repo.byId(track.id))?.status, { timeout: 60_000, interval: 250 })
      .toBe('ready');
    const after = await repo.byId(track.id);
    expect(after).toMatchObject({ status: 'ready', progress: 100 });
    // The row turns ready inside the job; the queue marks the job completed just after.
    const jobStates = async () =>
      (
        await sql<{ state: string }>`
          SELECT state FROM pgboss.job WHERE name = 'tracks.process' AND data->>'trackId' = ${track.id}`.execute(c.db)
      ).rows.map((r) => r.state);
    await expect.poll(jobStates, { timeout: 10_000, interval: 100 }).toEqual(['completed']);
    expect(after?.processing_version).not.toBe('killed-attempt');
    // The killed attempt cannot finish over the new one.
    expect(
      await repo.transition(track.id, 'processing', 'failed', {}, { attempt: 'killed-attempt' }).catch(() => null),
    ).toBeNull();
  });
});
