import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { fifoTripwire, MediaFixtures } from '@/platform/media/media.fixtures';
import { createTestApp, expectProblem } from '../../../test/app';
import { ORPHAN_TRACK_AGE_THRESHOLD_MS, ORPHAN_TRACK_MESSAGE, cleanupOrphanTracks } from './orphan-cleanup';
import { TracksRepo } from './tracks.repo';

const { app, c, clock, given } = await createTestApp({ TRACK_MAX_UPLOAD_MB: '20' });
const media = await MediaFixtures.create(c.media);
afterAll(() => media.remove());
const repo = new TracksRepo(c.db, c.clock);
const artist = await given.user({ role: 'artist' });
const session = await given.session(artist);
const bearer = (s: { accessToken: string }) => ({ authorization: `Bearer ${s.accessToken}` });
const TUS = { 'tus-resumable': '1.0.0' };

function metadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
}

async function create(length: number, fields: Record<string, string>, who = session) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...TUS, ...bearer(who), 'upload-length': String(length), 'upload-metadata': metadata(fields) },
  });
}

function patch(location: string, offset: number, bytes: Buffer, who = session) {
  return app.inject({
    method: 'PATCH',
    url: location,
    headers: {
      ...TUS,
      ...bearer(who),
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    payload: bytes,
  });
}

describe('resumable uploads (tus)', () => {
  it('resumes an interrupted upload where it stopped and processes the finished file', async () => {
    const wav = await readFile(await media.tone('resumable.wav', { seconds: 3 }));
    const created = await create(wav.length, { filename: 'Resumed Song.wav', visibility: 'public', tags: 'test' });
    expect(created.statusCode, created.body).toBe(201);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/api\/v1\/uploads\/[\w-]+$/);

    const half = Math.floor(wav.length / 2);
    expect((await patch(location, 0, wav.subarray(0, half))).statusCode).toBe(204);
    // The client comes back (a reload, a new connection) and asks where to continue.
    const head = await app.inject({ method: 'HEAD', url: location, headers: { ...TUS, ...bearer(session) } });
    expect(head.headers['upload-offset']).toBe(String(half));

    const stranger = await given.session(await given.user({ role: 'artist' }));
    expectProblem(await patch(location, half, wav.subarray(half), stranger), 404, 'UPLOAD_NOT_FOUND');

    const done = await patch(location, half, wav.subarray(half));
    expect(done.statusCode, done.body).toBe(200);
    const track = done.json<{ id: string; title: string; status: string; tags: string[] }>();
    expect(track).toMatchObject({ title: 'Resumed Song', status: 'processing', tags: ['test'] });
    await c.jobs.runOnce('tracks.process', { trackId: track.id });
    expect((await repo.byId(track.id))?.status).toBe('ready');
    const original = await app.inject({ url: `/api/v1/tracks/${track.id}/original`, headers: bearer(session) });
    expect(original.headers['content-length']).toBe(String(wav.length));
    expect(original.rawPayload.equals(wav)).toBe(true);

    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${track.id}`, headers: bearer(session) });
    expect(deleted.statusCode).toBe(204);
    expect(await c.storage.stat(`uploads/${location.split('/').pop()}`)).toBeNull();
  });

  it('refuses listeners, bad metadata, oversized uploads and non-audio, in the problem shape', async () => {
    const listener = await given.session(await given.user());
    expectProblem(await create(100, { filename: 'a.wav' }, listener), 403, 'FORBIDDEN');
    const bad = await create(100, { filename: 'a.wav', visibility: 'friends' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expectProblem(await create(100, { title: 'no file name' }), 400, 'VALIDATION_FAILED');
    expectProblem(await create(21 * 1024 * 1024, { filename: 'big.wav' }), 413);
    const noVersion = await app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...bearer(session), 'upload-length': '10' },
    });
    expectProblem(noVersion, 412);

    const text = Buffer.from('this is not audio\n'.repeat(20));
    const created = await create(text.length, { filename: 'fake.mp3' });
    const finished = await patch(String(created.headers.location), 0, text);
    expectProblem(finished, 422, 'NOT_AUDIO');
  });

  it("refuses an ffconcat script naming another artist's upload beside it with 422, never opening that file", async () => {
    const other = await given.session(await given.user({ role: 'artist' }));
    const theirs = await create(1000, { filename: 'theirs.wav' }, other);
    const theirKey = `uploads/${String(theirs.headers.location).split('/').pop()}`;
    await patch(String(theirs.headers.location), 0, Buffer.alloc(10), other);
    const theirFile = await c.storage.withLocalFile(theirKey, (file) => Promise.resolve(file));
    // Their partial upload, swapped for a FIFO so that any open of it is seen (fifoTripwire).
    await rename(theirFile, `${theirFile}.aside`);
    const tripwire = fifoTripwire(theirFile);
    let finished;
    try {
      // Every resumable upload sits in one folder, where the concat demuxer's safe mode allows a bare name.
      const script = Buffer.from(`ffconcat version 1.0\nfile ${path.basename(theirFile)}\n`);
      const created = await create(script.length, { filename: 'mix.ffconcat' });
      finished = await patch(String(created.headers.location), 0, script);
    } finally {
      expect(await tripwire.disarm(), 'their upload was opened').toBe(false);
      await rm(theirFile);
      await rename(`${theirFile}.aside`, theirFile);
    }
    const problem = expectProblem(finished, 422, 'NOT_AUDIO');
    expect(String(problem.detail)).toMatch(/playlist or a list of other files/);
  });

  it('leaves a stalled upload alone, and fails its track once the abandoned file is gone', async () => {
    const created = await create(1000, { filename: 'stalled.wav' });
    const location = String(created.headers.location);
    await patch(location, 0, Buffer.alloc(300, 1)); // then the server is killed, or the client vanishes
    const [row] = await c.db.selectFrom('tracks').selectAll().where('original_filename', '=', 'stalled.wav').execute();
    const deps = { db: c.db, storage: c.storage, clock, events: c.events, log: pino({ level: 'silent' }) };

    clock.advance(ORPHAN_TRACK_AGE_THRESHOLD_MS + 60_000);
    await cleanupOrphanTracks(deps);
    expect((await repo.byId(row!.id))?.status).toBe('processing'); // its partial file is still there

    await c.storage.delete(row!.file_path); // what the expiry of abandoned uploads does
    await cleanupOrphanTracks(deps);
    expect(await repo.byId(row!.id)).toMatchObject({ status: 'failed', status_message: ORPHAN_TRACK_MESSAGE });
  });
});
