import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaFixtures } from '@/platform/media/media.fixtures';
import { createTestApp, expectProblem } from '../../../test/app';
import { TracksRepo } from './tracks.repo';

const DAY_MS = 86_400_000;
const { app, c, clock, given } = await createTestApp({
  UPLOAD_DAILY_COUNT: '4',
  UPLOAD_DAILY_BYTES: '1mb',
  TRACK_RETRY_DAILY: '1',
});
/** One hour into the next UTC day. */
const toNextDay = () => clock.set(new Date((Math.floor(clock.now().getTime() / DAY_MS) + 1) * DAY_MS + 3_600_000));
toNextDay();
const untilMidnightSeconds = () => String((DAY_MS - (clock.now().getTime() % DAY_MS)) / 1000);
const media = await MediaFixtures.create(c.media);
afterAll(() => media.remove());
const repo = new TracksRepo(c.db, c.clock);
const bearer = (s: { accessToken: string }) => ({ authorization: `Bearer ${s.accessToken}` });
const TUS = { 'tus-resumable': '1.0.0' };

/** Mono 16-bit 44.1 kHz: 88 KB a second. */
const wav = async (seconds: number) => readFile(await media.tone(`quota-${seconds}.wav`, { seconds }));

async function artist() {
  const user = await given.user({ role: 'artist' });
  return { user, auth: bearer(await given.session(user)) };
}

/** The next day, with a session of that day (access tokens last minutes). */
async function nextDay(user: { username: string }) {
  toNextDay();
  return bearer(await given.session(user));
}

async function upload(auth: Record<string, string>, bytes: Buffer) {
  const fd = new FormData();
  fd.append('file', new Blob([bytes]), 'song.wav');
  const req = new Request('http://veza.test/', { method: 'POST', body: fd });
  return app.inject({
    method: 'POST',
    url: '/api/v1/tracks',
    headers: { ...auth, 'content-type': req.headers.get('content-type') ?? '' },
    payload: Buffer.from(await req.arrayBuffer()),
  });
}

function createResumable(auth: Record<string, string>, length: number) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: {
      ...TUS,
      ...auth,
      'upload-length': String(length),
      'upload-metadata': `filename ${Buffer.from('song.wav').toString('base64')}`,
    },
  });
}

const tracksOf = async (ownerId: string) =>
  (await c.db.selectFrom('tracks').select('id').where('owner_id', '=', ownerId).execute()).length;

function expectQuota(res: Awaited<ReturnType<typeof app.inject>>, code: string): void {
  expectProblem(res, 429, code);
  expect(res.headers['retry-after']).toBe(untilMidnightSeconds());
}

describe('upload quotas', () => {
  it('say when they renew: at 00:00 UTC', () => {
    expect(untilMidnightSeconds()).toBe(String(23 * 3600));
  });

  it("refuses an upload over the day's remaining bytes before storing it, multipart or tus", async () => {
    const { user, auth } = await artist();
    const big = await wav(7); // 617 KB of the 1 MiB a day
    expect((await upload(auth, big)).statusCode).toBe(201);

    const refused = await upload(auth, big);
    expectQuota(refused, 'UPLOAD_BYTES_QUOTA_EXCEEDED');
    expect(await tracksOf(user.id)).toBe(1);
    // The refused upload took nothing: a smaller one still fits.
    expect((await upload(auth, await wav(1))).statusCode).toBe(201);

    // tus: weighed at creation, by Upload-Length, before any byte arrives.
    expectQuota(await createResumable(auth, 400 * 1024), 'UPLOAD_BYTES_QUOTA_EXCEEDED');
    expect(await tracksOf(user.id)).toBe(2);
    const created = await createResumable(auth, 200 * 1024);
    expect(created.statusCode, created.body).toBe(201);
    // A cancelled upload gives its bytes back.
    const cancelled = await app.inject({
      method: 'DELETE',
      url: String(created.headers.location),
      headers: { ...TUS, ...auth },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(204);
    expect((await createResumable(auth, 200 * 1024)).statusCode).toBe(201);

    expect((await upload(await nextDay(user), big)).statusCode).toBe(201);
  });

  it('refuses uploads past the daily count, in the problem shape with Retry-After', async () => {
    const { auth } = await artist();
    const small = await wav(1);
    for (let i = 0; i < 4; i++) expect((await upload(auth, small)).statusCode).toBe(201);
    expectQuota(await upload(auth, small), 'UPLOAD_QUOTA_EXCEEDED');
    expectQuota(await createResumable(auth, 1000), 'UPLOAD_QUOTA_EXCEEDED');
    // Another artist has a budget of their own.
    expect((await upload((await artist()).auth, small)).statusCode).toBe(201);
  });
});

describe('retry quota', () => {
  it('lets a user retry failed processing a limited number of times a day', async () => {
    const { user, auth } = await artist();
    const { id } = (await upload(auth, await wav(1))).json<{ id: string }>();
    const fail = () => repo.transition(id, 'processing', 'failed', { status_message: 'boom' });
    const retry = (headers = auth) => app.inject({ method: 'POST', url: `/api/v1/tracks/${id}/retry`, headers });

    await fail();
    expect((await retry()).statusCode).toBe(200);
    // Not failed: nothing to retry, and no retry used.
    expectProblem(await retry(), 409, 'TRACK_NOT_RETRYABLE');
    await fail();
    expectQuota(await retry(), 'RETRY_QUOTA_EXCEEDED');
    expect((await repo.byId(id))?.status).toBe('failed');

    expect((await retry(await nextDay(user))).statusCode).toBe(200);
  });
});
