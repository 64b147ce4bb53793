import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import { ORPHAN_TRACK_AGE_THRESHOLD_MS, ORPHAN_TRACK_MESSAGE, cleanupOrphanTracks } from './orphan-cleanup';
import { TracksRepo } from './tracks.repo';

const { c, clock, given } = await createTestApp();
const repo = new TracksRepo(c.db, c.clock);
const deps = { db: c.db, storage: c.storage, clock, events: c.events, log: pino({ level: 'silent' }) };

/** A track row created `ageMs` before the fake clock's now, its original present on disk or not. */
async function trackAged(ageMs: number, opts: { filePresent: boolean; status?: 'processing' | 'failed' | 'ready' }) {
  const owner = await given.user({ role: 'artist' });
  const filePath = `originals/${owner.id}/${crypto.randomUUID()}.wav`;
  if (opts.filePresent) await c.storage.put(filePath, Buffer.from('RIFF partial upload'));
  return repo.insert({
    owner_id: owner.id,
    title: 'Stuck',
    file_path: filePath,
    status: opts.status ?? 'processing',
    status_message: opts.status === 'failed' ? 'ffprobe: not audio' : null,
    created_at: new Date(clock.now().getTime() - ageMs),
  });
}

const OVER = ORPHAN_TRACK_AGE_THRESHOLD_MS + 60_000;

describe('orphan track cleanup', () => {
  it('flips a track stuck in processing with its file missing to failed', async () => {
    const track = await trackAged(OVER, { filePresent: false });
    const result = await cleanupOrphanTracks(deps);
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const after = await repo.byId(track.id);
    expect(after).toMatchObject({ status: 'failed', status_message: ORPHAN_TRACK_MESSAGE });
  });

  it('leaves a track whose file is present (a slow upload must not be failed)', async () => {
    const track = await trackAged(OVER * 3, { filePresent: true });
    await cleanupOrphanTracks(deps);
    expect(await repo.byId(track.id)).toMatchObject({ status: 'processing', status_message: null });
  });

  it('leaves a recent track below the threshold', async () => {
    const track = await trackAged(ORPHAN_TRACK_AGE_THRESHOLD_MS - 60_000, { filePresent: false });
    await cleanupOrphanTracks(deps);
    expect(await repo.byId(track.id)).toMatchObject({ status: 'processing' });

    clock.advance(2 * 60_000); // now past the threshold
    await cleanupOrphanTracks(deps);
    expect(await repo.byId(track.id)).toMatchObject({ status: 'failed', status_message: ORPHAN_TRACK_MESSAGE });
  });

  it('ignores tracks already failed or ready, and is idempotent', async () => {
    const failed = await trackAged(OVER, { filePresent: false, status: 'failed' });
    const ready = await trackAged(OVER, { filePresent: false, status: 'ready' });
    const orphan = await trackAged(OVER, { filePresent: false });
    await cleanupOrphanTracks(deps);
    const first = await repo.byId(orphan.id);
    const again = await cleanupOrphanTracks(deps);

    expect(again.failed).toBe(0);
    expect(await repo.byId(orphan.id)).toEqual(first);
    expect(await repo.byId(failed.id)).toMatchObject({ status: 'failed', status_message: 'ffprobe: not audio' });
    expect(await repo.byId(ready.id)).toMatchObject({ status: 'ready', status_message: null });
  });

  it('is a no-op without a database', async () => {
    await expect(cleanupOrphanTracks({ ...deps, db: undefined })).resolves.toEqual({ failed: 0, scanned: 0 });
  });
});
