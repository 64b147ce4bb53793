import { describe, expect, it, afterAll } from 'vitest';
import { readFile, rename, rm } from 'node:fs/promises';
import { fifoTripwire, imagesOfEveryKind, MediaFixtures, noisePng } from '@/platform/media/media.fixtures';
import { MAX_EMBEDDED_PICTURE_BYTES } from '@/platform/media/tags';
import { createTestApp, expectProblem, type TestApp } from '../../../test/app';
import { signStreamToken, streamTokenKey } from '@/modules/streaming/stream-token';
import { TracksRepo } from './tracks.repo';

const t = await createTestApp();
const { app, c, given } = t;
const media = await MediaFixtures.create(c.media);
afterAll(() => media.remove());

const artist = await given.user({ role: 'artist' });
const artistSession = await given.session(artist);
const auth = (s: { accessToken: string }) => ({ authorization: `Bearer ${s.accessToken}` });

/** A multipart body as a browser's FormData would send it. */
async function form(fields: Record<string, string>, files: Record<string, { name: string; bytes: Buffer }>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, f] of Object.entries(files)) fd.append(k, new Blob([f.bytes]), f.name);
  const req = new Request('http://veza.test/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type') ?? '' };
}

async function upload(
  target: TestApp,
  session: { accessToken: string },
  file: { name: string; bytes: Buffer },
  fields: Record<string, string> = {},
) {
  const body = await form(fields, { file });
  return target.app.inject({
    method: 'POST',
    url: '/api/v1/tracks',
    headers: { ...auth(session), 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function wav(seconds: number): Promise<Buffer> {
  const file = await media.tone(`tone-${seconds}.wav`, { seconds, hz: 330 });
  return readFile(file);
}

describe('tracks', () => {
  it('turns an uploaded WAV into a ready track with HLS renditions, loudness and a waveform', async () => {
    const res = await upload(
      t,
      artistSession,
      { name: 'Evening Tone.wav', bytes: await wav(8) },
      {
        description: 'A test',
        tags: 'Ambient, drone, ambient',
        visibility: 'unlisted',
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ id: string; status: string; title: string; tags: string[]; visibility: string }>();
    expect(created).toMatchObject({
      status: 'processing',
      title: 'Evening Tone',
      tags: ['ambient', 'drone'],
      visibility: 'unlisted',
    });

    await c.jobs.runOnce('tracks.process', { trackId: created.id });

    const track = (await app.inject({ url: `/api/v1/tracks/${created.id}` })).json<Record<string, unknown>>();
    expect(track).toMatchObject({ status: 'ready', progress: 100, statusMessage: null });
    expect(track.durationMs).toBeGreaterThan(7_500);
    expect(track.durationMs).toBeLessThan(8_500);
    expect(track.loudnessLufs).toBeLessThan(-10);
    expect(track.waveform).toHaveLength(1800);
    const row = await new TracksRepo(c.db, c.clock).byId(created.id);
    const master = await c.storage.get(`${row?.hls_prefix}/master.m3u8`);
    const text = Buffer.concat(await master.toArray()).toString();
    expect(text).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    expect(text.match(/#EXT-X-STREAM-INF:BANDWIDTH=\d+.*CODECS="mp4a\.40\.2"/g)).toHaveLength(3);

    // A second run of the job (a replay, a duplicate) changes nothing.
    await c.jobs.runOnce('tracks.process', { trackId: created.id });
    expect(await new TracksRepo(c.db, c.clock).byId(created.id)).toEqual(row);
  });

  it('refuses a text file named .mp3 and an empty file with 422, keeping a failed track with the reason', async () => {
    const text = await upload(t, artistSession, {
      name: 'song.mp3',
      bytes: Buffer.from('not audio at all\n'.repeat(100)),
    });
    const problem = expectProblem(text, 422, 'NOT_AUDIO');
    expect(String(problem.detail)).toMatch(/not audio|cannot read|not .* Veza/i);
    const empty = await upload(t, artistSession, { name: 'empty.wav', bytes: Buffer.alloc(0) });
    expectProblem(empty, 422, 'NOT_AUDIO');

    const mine = (await app.inject({ url: '/api/v1/me/tracks', headers: auth(artistSession) })).json<{
      items: { title: string; status: string; statusMessage: string | null }[];
    }>();
    const failed = mine.items.filter((item) => ['song', 'empty'].includes(item.title));
    expect(failed).toHaveLength(2);
    for (const item of failed) expect(item).toMatchObject({ status: 'failed', statusMessage: expect.any(String) });
  });

  it("refuses a playlist naming another artist's original with 422, never opening that file", async () => {
    const other = await given.user({ role: 'artist' });
    const theirs = await upload(t, await given.session(other), { name: 'Theirs.wav', bytes: await wav(2) });
    const theirRow = await new TracksRepo(c.db, c.clock).byId(theirs.json<{ id: string }>().id);
    const theirFile = await c.storage.withLocalFile(theirRow!.file_path, (file) => Promise.resolve(file));
    // Their original, swapped for a FIFO so that any open of it is seen (fifoTripwire).
    await rename(theirFile, `${theirFile}.aside`);
    const tripwire = fifoTripwire(theirFile);
    let res;
    try {
      const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${theirFile}\n#EXT-X-ENDLIST\n`;
      res = await upload(t, artistSession, { name: 'mixtape.m3u8', bytes: Buffer.from(playlist) });
    } finally {
      expect(await tripwire.disarm(), 'their original was opened').toBe(false);
      await rm(theirFile);
      await rename(`${theirFile}.aside`, theirFile);
    }
    const problem = expectProblem(res, 422, 'NOT_AUDIO');
    // Debian's ffprobe names the playlist it refuses; the bundled 2018 build, the fallback without it, does
    // not recognise a playlist without its extension at all and refuses it as not audio.
    expect(String(problem.detail)).toMatch(/playlist or a list of other files|not audio Veza can read/);
    const [failed] = await c.db.selectFrom('tracks').selectAll().where('title', '=', 'mixtape').execute();
    expect(failed).toMatchObject({ status: 'failed' });
    // Stored without the playlist's extension, which ffmpeg would take as a hint.
    expect(failed!.file_path).toMatch(/\/original\.bin$/);
  });

  it('fails a truncated FLAC during processing with a reason, never leaving it processing', async () => {
    const flac = await readFile(await media.tone('whole.flac', { seconds: 6 }, ['-c:a', 'flac']));
    const res = await upload(t, artistSession, {
      name: 'cut.flac',
      bytes: flac.subarray(0, Math.floor(flac.length / 3)),
    });
    if (res.statusCode === 422) return; // refused at the door: also a clear end
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    await c.jobs.runOnce('tracks.process', { trackId: id });
    const track = (await app.inject({ url: `/api/v1/tracks/${id}`, headers: auth(artistSession) })).json<
      Record<string, unknown>
    >();
    expect(track).toMatchObject({
      status: 'failed',
      statusMessage: expect.stringMatching(/damaged|cut|incomplete|truncated/i),
    });
  });

  it('answers 413 over TRACK_MAX_UPLOAD_MB and stores nothing', async () => {
    const small = await createTestApp({ TRACK_MAX_UPLOAD_MB: '1' });
    const uploader = await small.given.user({ role: 'artist' });
    const session = await small.given.session(uploader);
    const res = await upload(small, session, { name: 'big.wav', bytes: Buffer.alloc(1024 * 1024 + 10, 1) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    const rows = await small.c.db.selectFrom('tracks').select('id').where('owner_id', '=', uploader.id).execute();
    expect(rows).toEqual([]);
  });

  it('lets only artists upload, and checks every field', async () => {
    const listener = await given.user();
    const res = await upload(t, await given.session(listener), { name: 'a.wav', bytes: await wav(1) });
    expectProblem(res, 403, 'FORBIDDEN');
    const bad = await upload(
      t,
      artistSession,
      { name: 'a.wav', bytes: await wav(1) },
      { visibility: 'friends', title: ' ' },
    );
    const problem = expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect((problem.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['body/title', 'body/visibility']);
    const noFile = await app.inject({
      method: 'POST',
      url: '/api/v1/tracks',
      headers: { ...auth(artistSession), 'content-type': 'application/json' },
      payload: '{}',
    });
    expect([400, 415]).toContain(noFile.statusCode);
  });

  it('hides private and unfinished tracks from everyone but their artist, who can edit and delete them', async () => {
    const res = await upload(t, artistSession, { name: 'secret.wav', bytes: await wav(1) }, { visibility: 'private' });
    const { id } = res.json<{ id: string }>();
    const stranger = await given.session(await given.user({ role: 'artist' }));

    expectProblem(await app.inject({ url: `/api/v1/tracks/${id}` }), 404, 'TRACK_NOT_FOUND');
    expectProblem(await app.inject({ url: `/api/v1/tracks/${id}`, headers: auth(stranger) }), 404, 'TRACK_NOT_FOUND');
    const patchByStranger = await app.inject({
      method: 'PATCH',
      url: `/api/v1/tracks/${id}`,
      headers: auth(stranger),
      payload: { title: 'Mine now' },
    });
    expectProblem(patchByStranger, 404, 'TRACK_NOT_FOUND');

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/tracks/${id}`,
      headers: auth(artistSession),
      payload: { title: 'Secret, renamed', genre: 'Ambient' },
    });
    expect(patched.json()).toMatchObject({ title: 'Secret, renamed', genre: 'Ambient', visibility: 'private' });

    const original = await app.inject({ url: `/api/v1/tracks/${id}/original`, headers: auth(artistSession) });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-disposition']).toContain('secret.wav');
    expect(original.rawPayload.subarray(0, 4).toString()).toBe('RIFF');

    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${id}`, headers: auth(artistSession) });
    expect(deleted.statusCode).toBe(204);
    expectProblem(await app.inject({ url: `/api/v1/tracks/${id}`, headers: auth(artistSession) }), 404);
    expect(await c.storage.stat(`tracks/${id}/original.wav`)).toBeNull();
  });

  it('downloads the original through a short-lived link that needs no bearer token', async () => {
    const res = await upload(
      t,
      artistSession,
      { name: 'Mix, final.wav', bytes: await wav(1) },
      { visibility: 'private' },
    );
    const { id } = res.json<{ id: string }>();
    const other = await upload(t, artistSession, { name: 'other.wav', bytes: await wav(1) });
    const stranger = await given.session(await given.user({ role: 'artist' }));
    const linkFor = (session: { accessToken: string } | undefined, trackId = id) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/tracks/${trackId}/original/link`,
        headers: session ? auth(session) : {},
      });

    expectProblem(await linkFor(undefined), 401);
    expectProblem(await linkFor(stranger), 404, 'TRACK_NOT_FOUND');
    const link = await linkFor(artistSession);
    expect(link.statusCode).toBe(200);
    const { url, expiresAt } = link.json<{ url: string; expiresAt: string }>();
    expect(url).toMatch(new RegExp(`^/api/v1/tracks/${id}/original\\?token=[A-Za-z0-9_.-]+$`));
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBeLessThanOrEqual(5 * 60_000 + 1000);

    const download = await app.inject({ url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('Mix, final.wav');
    expect(download.headers['cache-control']).toBe('private, no-store');
    expect(download.rawPayload.subarray(0, 4).toString()).toBe('RIFF');

    // Without a link, the signed-in owner only; a link opens only its own track.
    expectProblem(await app.inject({ url: `/api/v1/tracks/${id}/original` }), 401);
    expectProblem(await app.inject({ url: `/api/v1/tracks/${id}/original`, headers: auth(stranger) }), 404);
    const token = new URL(url, 'http://veza.test').searchParams.get('token')!;
    const otherId = other.json<{ id: string }>().id;
    expectProblem(
      await app.inject({ url: `/api/v1/tracks/${otherId}/original?token=${token}` }),
      403,
      'DOWNLOAD_LINK_INVALID',
    );
    expectProblem(await app.inject({ url: `${url.slice(0, -2)}xy` }), 403, 'DOWNLOAD_LINK_INVALID');
    // The stream key signs the very same claims in vain: each use of the scheme has a key of its own.
    const streamKeyToken = signStreamToken(streamTokenKey(c.config.auth.sessionSecret), {
      trackId: id,
      viewer: artist.id,
      version: 'original',
      exp: Math.floor(Date.parse(expiresAt) / 1000),
    });
    expectProblem(
      await app.inject({ url: `/api/v1/tracks/${id}/original?token=${streamKeyToken}` }),
      403,
      'DOWNLOAD_LINK_INVALID',
    );

    t.clock.advance(5 * 60_000 + 1000);
    expectProblem(await app.inject({ url }), 403, 'DOWNLOAD_LINK_EXPIRED');
  });

  it('retries only failed tracks', async () => {
    const res = await upload(t, artistSession, { name: 'again.wav', bytes: await wav(1) });
    const { id } = res.json<{ id: string }>();
    expectProblem(
      await app.inject({ method: 'POST', url: `/api/v1/tracks/${id}/retry`, headers: auth(artistSession) }),
      409,
      'TRACK_NOT_RETRYABLE',
    );
    await new TracksRepo(c.db, c.clock).transition(id, 'processing', 'failed', { status_message: 'boom' });
    const retried = await app.inject({
      method: 'POST',
      url: `/api/v1/tracks/${id}/retry`,
      headers: auth(artistSession),
    });
    expect(retried.json()).toMatchObject({ status: 'processing', statusMessage: null });
    await c.jobs.runOnce('tracks.process', { trackId: id });
    expect((await new TracksRepo(c.db, c.clock).byId(id))?.status).toBe('ready');
  });
});

describe('track progress events', () => {
  it("streams processing news of the artist's own tracks only, as Server-Sent Events", async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/me/tracks/events`, {
      headers: auth(artistSession),
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const news = { status: 'processing' as const, progress: 40, statusMessage: null };
    // The subscription is made after the headers go out: publish until the stream shows it.
    const received = (async () => {
      let text = '';
      while (!text.includes('event: progress')) text += (await reader.read()).value ?? '';
      return text;
    })();
    const other = await given.user({ role: 'artist' });
    const publisher = setInterval(() => {
      void c.bus.publish('track.progress', { trackId: 'theirs', ownerId: other.id, ...news });
      void c.bus.publish('track.progress', { trackId: 'mine', ownerId: artist.id, ...news });
    }, 100);
    try {
      const text = await received;
      expect(text).toContain('"trackId":"mine"');
      expect(text).not.toContain('theirs');
    } finally {
      clearInterval(publisher);
      controller.abort();
    }
  });
});

describe('track covers', () => {
  it('publishes the uploaded cover as square thumbnails, and replaces it', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 80, height: 50, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const body = await form(
      { title: 'With cover' },
      { file: { name: 'c.wav', bytes: await wav(1) }, cover: { name: 'c.png', bytes: png } },
    );
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tracks',
      headers: { ...auth(artistSession), 'content-type': body.contentType },
      payload: body.payload,
    });
    const { id } = res.json<{ id: string }>();
    await c.jobs.runOnce('tracks.process', { trackId: id });
    const track = (await app.inject({ url: `/api/v1/tracks/${id}` })).json<{ coverUrl: string }>();
    expect(track.coverUrl).toMatch(new RegExp(`^/api/v1/tracks/${id}/cover/300\\?v=`));

    const cover = await app.inject({ url: track.coverUrl });
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/jpeg');
    expect(await sharp(cover.rawPayload).metadata()).toMatchObject({ width: 300, height: 300, format: 'jpeg' });
    expect(
      (await app.inject({ url: track.coverUrl, headers: { 'if-none-match': String(cover.headers.etag) } })).statusCode,
    ).toBe(304);
    expectProblem(await app.inject({ url: `/api/v1/tracks/${id}/cover/99` }), 400);

    const blue = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#2980b9' } })
      .png()
      .toBuffer();
    const replace = await form({}, { file: { name: 'b.png', bytes: blue } });
    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/v1/tracks/${id}/cover`,
      headers: { ...auth(artistSession), 'content-type': replace.contentType },
      payload: replace.payload,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const newUrl = replaced.json<{ coverUrl: string }>().coverUrl;
    expect(newUrl).not.toBe(track.coverUrl);
    expect((await app.inject({ url: newUrl })).headers.etag).not.toBe(cover.headers.etag);

    const notImage = await form({}, { file: { name: 'x.png', bytes: Buffer.from('nope') } });
    const refused = await app.inject({
      method: 'PUT',
      url: `/api/v1/tracks/${id}/cover`,
      headers: { ...auth(artistSession), 'content-type': notImage.contentType },
      payload: notImage.payload,
    });
    expectProblem(refused, 415, 'INVALID_COVER');
  });

  it('accepts only JPEG, PNG and WebP covers, told by their bytes, on upload and on replace', async () => {
    const images = await imagesOfEveryKind();
    const audio = await wav(1);
    const existing = await upload(t, artistSession, { name: 'Plain.wav', bytes: audio });
    const { id } = existing.json<{ id: string }>();
    for (const kind of ['gif', 'tiff', 'svg', 'svgWithReference', 'garbage']) {
      // Named and typed as a PNG: only the bytes count.
      const withCover = await form(
        { title: `cover-${kind}` },
        { file: { name: 'a.wav', bytes: audio }, cover: { name: 'cover.png', bytes: images[kind]! } },
      );
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/tracks',
        headers: { ...auth(artistSession), 'content-type': withCover.contentType },
        payload: withCover.payload,
      });
      expectProblem(uploaded, 415, 'INVALID_COVER');
      const replace = await form({}, { file: { name: 'cover.png', bytes: images[kind]! } });
      const replaced = await app.inject({
        method: 'PUT',
        url: `/api/v1/tracks/${id}/cover`,
        headers: { ...auth(artistSession), 'content-type': replace.contentType },
        payload: replace.payload,
      });
      expectProblem(replaced, 415, 'INVALID_COVER');
    }
    // A refused upload leaves no track behind.
    const [left] = await c.db
      .selectFrom('tracks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('title', 'like', 'cover-%')
      .execute();
    expect(Number(left!.n)).toBe(0);
  });
});

describe('embedded covers', () => {
  it('skips an embedded picture over 10 MB; the upload still succeeds and plays', async () => {
    const huge = await media.write('huge.png', await noisePng(MAX_EMBEDDED_PICTURE_BYTES));
    const mp3 = await media.mp3WithCover('heavy.mp3', huge, { title: 'Heavy' });
    const res = await upload(t, artistSession, { name: 'heavy.mp3', bytes: await readFile(mp3) });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    await c.jobs.runOnce('tracks.process', { trackId: id });
    const track = (await app.inject({ url: `/api/v1/tracks/${id}`, headers: auth(artistSession) })).json();
    expect(track).toMatchObject({ status: 'ready', coverUrl: null });
  });
});

describe('browsing tracks', () => {
  it('lists public ready tracks newest first, page by page, and nothing private or unfinished', async () => {
    const { given: g, app: fresh, c: fc, clock } = await createTestApp();
    const owner = await g.user({ role: 'artist' });
    const repo = new TracksRepo(fc.db, fc.clock);
    const make = async (
      title: string,
      extra: { status?: 'ready' | 'processing'; visibility?: 'public' | 'private' } = {},
    ) => {
      clock.advance(1000);
      return repo.insert({
        owner_id: owner.id,
        title,
        file_path: `tracks/${crypto.randomUUID()}/original.wav`,
        status: extra.status ?? 'ready',
        visibility: extra.visibility ?? 'public',
        created_at: clock.now(),
      });
    };
    await make('one');
    await make('two');
    await make('hidden', { visibility: 'private' });
    await make('busy', { status: 'processing' });
    await make('three');

    const first = (await fresh.inject({ url: '/api/v1/tracks?limit=2' })).json<{
      items: { title: string }[];
      nextCursor: string;
    }>();
    expect(first.items.map((i) => i.title)).toEqual(['three', 'two']);
    const second = (await fresh.inject({ url: `/api/v1/tracks?limit=2&cursor=${first.nextCursor}` })).json<{
      items: { title: string }[];
      nextCursor: string | null;
    }>();
    expect(second).toMatchObject({ items: [{ title: 'one' }], nextCursor: null });
    expectProblem(await fresh.inject({ url: '/api/v1/tracks?cursor=garbage' }), 400, 'VALIDATION_FAILED');
  });
});

describe('deleting a playing track', () => {
  it('stops its old stream links, even for segments a stream role holds in memory', async () => {
    const res = await upload(t, artistSession, { name: 'gone.wav', bytes: await wav(2) }, { visibility: 'public' });
    const { id } = res.json<{ id: string }>();
    await c.jobs.runOnce('tracks.process', { trackId: id });
    const { url } = (await app.inject({ url: `/api/v1/tracks/${id}/stream` })).json<{ url: string }>();
    const variant = (await app.inject({ url: url.replace('master.m3u8', '128k/index.m3u8') })).body;
    const segment = url.replace(/master\.m3u8\?.*/, `128k/${variant.split('\n').find((l) => l.startsWith('seg_'))!}`);
    expect((await app.inject({ url: segment })).statusCode).toBe(200); // now cached

    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${id}`, headers: auth(artistSession) });
    expect(deleted.statusCode).toBe(204);
    await t.deliverEvents();
    await expect.poll(async () => (await app.inject({ url: segment })).statusCode, { timeout: 5000 }).toBe(404);
  });
});
