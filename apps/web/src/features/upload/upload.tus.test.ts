import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aMe, fakeServer, json, route, testApi } from '@/test/fake-api';
import { FakeXhr } from '@/test/fake-xhr';
import { aTrackDetail } from '@/test/tracks';
import type { UploadFields } from './upload.transport';
import { TUS_CHUNK_BYTES, createTusUploader } from './upload.tus';

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

const fields: UploadFields = {
  title: 'Été',
  description: '',
  genre: 'Ambient',
  tags: 'a, b',
  visibility: 'public',
  cover: null,
};
const SIZE = 2 * TUS_CHUNK_BYTES + 100;
const big = () => new File([new Uint8Array(SIZE)], 'long.wav', { type: 'audio/wav', lastModified: 1 });
const UPLOAD_URL = 'http://veza.test/api/v1/uploads/abc';
/** What tus-js-client remembers to resume: its keys start with `tus::`. */
const remembered = () => Object.keys(localStorage).filter((key) => key.startsWith('tus::'));

async function setup(routes: Parameters<typeof fakeServer>[0] = {}, retryDelays = [0, 0, 0, 0]) {
  let token = 'tok-1';
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: token, expiresIn: 900, user: aMe({ role: 'artist' }) }),
    ...routes,
  });
  const api = testApi(server);
  await api.session.refresh();
  const progress: number[] = [];
  const upload = createTusUploader(api, { retryDelays });
  const run = (file: File, signal = new AbortController().signal) =>
    upload(file, fields, (p) => progress.push(p.loaded), signal);
  return { run, progress, server, setToken: (t: string) => (token = t) };
}

/** The n-th request the uploader makes, once it has made it. */
const request = (n: number) => vi.waitFor(() => FakeXhr.sent[n] ?? Promise.reject(new Error(`no request ${n} yet`)));

/** Decodes a tus Upload-Metadata header into its pairs. */
function metadata(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? '').split(',').map((pair) => {
      const [key, value] = pair.split(' ') as [string, string];
      return [key, new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)))];
    }),
  );
}

const refusal = (status: number, code: string, detail: string) => ({
  type: 'about:blank',
  status,
  code,
  title: code,
  detail,
  requestId: 'r',
});

describe('resumable uploads', () => {
  it('creates the upload with the bearer token and metadata, sends 8 MiB chunks with progress, and answers the track', async () => {
    const { run, progress } = await setup();
    const controller = new AbortController();
    const done = run(big(), controller.signal);

    const create = await request(0);
    expect([create.method, create.url]).toEqual(['POST', 'http://veza.test/api/v1/uploads']);
    expect(create.headers['Tus-Resumable']).toBe('1.0.0');
    expect(create.headers.Authorization).toBe('Bearer tok-1');
    expect(create.headers['Upload-Length']).toBe(String(SIZE));
    expect(metadata(create.headers['Upload-Metadata'])).toEqual({
      filename: 'long.wav',
      title: 'Été',
      genre: 'Ambient',
      tags: 'a, b',
      visibility: 'public',
    });
    create.respond(201, null, { Location: '/api/v1/uploads/abc' });

    for (const [n, offset] of [
      [1, 0],
      [2, TUS_CHUNK_BYTES],
    ] as const) {
      const patch = await request(n);
      expect([patch.method, patch.url, patch.headers['Upload-Offset'], patch.headers.Authorization]).toEqual([
        'PATCH',
        UPLOAD_URL,
        String(offset),
        'Bearer tok-1',
      ]);
      expect((patch.body as Blob).size).toBe(TUS_CHUNK_BYTES);
      patch.progress(1000, TUS_CHUNK_BYTES);
      patch.respond(204, null, { 'Upload-Offset': String(offset + TUS_CHUNK_BYTES) });
    }
    expect(remembered()).toHaveLength(1);
    const last = await request(3);
    expect((last.body as Blob).size).toBe(100);
    last.respond(200, aTrackDetail({ title: 'Été' }), { 'Upload-Offset': String(SIZE) });

    await expect(done).resolves.toMatchObject({ title: 'Été' });
    expect(progress).toContain(TUS_CHUNK_BYTES + 1000);
    expect(progress.at(-1)).toBe(SIZE);
    expect(remembered()).toHaveLength(0); // nothing left to resume

    // Leaving the page afterwards must not end the finished upload.
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(FakeXhr.sent).toHaveLength(4);
  });

  it('asks the server where it stopped after a dropped connection, and continues from there', async () => {
    const { run } = await setup();
    const done = run(big());
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    (await request(1)).failNetwork();
    const head = await request(2);
    expect([head.method, head.url, head.headers.Authorization]).toEqual(['HEAD', UPLOAD_URL, 'Bearer tok-1']);
    head.respond(200, null, { 'Upload-Offset': '5000', 'Upload-Length': String(SIZE) });
    const again = await request(3);
    expect([again.method, again.headers['Upload-Offset'], (again.body as Blob).size]).toEqual([
      'PATCH',
      '5000',
      TUS_CHUNK_BYTES,
    ]);
    again.respond(204, null, { 'Upload-Offset': String(5000 + TUS_CHUNK_BYTES) });
    (await request(4)).respond(200, aTrackDetail(), { 'Upload-Offset': String(SIZE) });
    await expect(done).resolves.toBeTruthy();
  });

  it('resumes the same file after a reload from the remembered upload, not a new one', async () => {
    const first = await setup({}, []);
    const lost = first.run(big());
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    (await request(1)).respond(204, null, { 'Upload-Offset': String(TUS_CHUNK_BYTES) });
    (await request(2)).failNetwork();
    await expect(lost).rejects.toThrow(TypeError); // no retries left: the network is down
    expect(remembered()).toHaveLength(1);

    const { run } = await setup();
    const done = run(big());
    const head = await request(3);
    expect([head.method, head.url]).toEqual(['HEAD', UPLOAD_URL]);
    head.respond(200, null, { 'Upload-Offset': String(2 * TUS_CHUNK_BYTES), 'Upload-Length': String(SIZE) });
    const rest = await request(4);
    expect([rest.method, rest.headers['Upload-Offset'], (rest.body as Blob).size]).toEqual([
      'PATCH',
      String(2 * TUS_CHUNK_BYTES),
      100,
    ]);
    rest.respond(200, aTrackDetail({ title: 'Resumed' }), { 'Upload-Offset': String(SIZE) });
    await expect(done).resolves.toMatchObject({ title: 'Resumed' });
  });

  it('resumes the newest of several remembered uploads of the same file', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = await setup({}, []);
    const older = first.run(big());
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/older' });
    (await request(1)).failNetwork();
    await expect(older).rejects.toThrow(TypeError);
    vi.setSystemTime(Date.now() + 60_000);
    // A second tab started the same file meanwhile, before the first one was remembered.
    const stash = Object.entries(localStorage).filter(([key]) => key.startsWith('tus::'));
    for (const [key] of stash) localStorage.removeItem(key);
    const newer = first.run(big());
    (await request(2)).respond(201, null, { Location: '/api/v1/uploads/newer' });
    (await request(3)).failNetwork();
    await expect(newer).rejects.toThrow(TypeError);
    for (const [key, value] of stash) localStorage.setItem(key, value);
    expect(remembered()).toHaveLength(2);
    vi.useRealTimers();

    const { run } = await setup();
    const done = run(big());
    const head = await request(4);
    expect([head.method, head.url]).toEqual(['HEAD', 'http://veza.test/api/v1/uploads/newer']);
    head.respond(200, null, { 'Upload-Offset': String(2 * TUS_CHUNK_BYTES), 'Upload-Length': String(SIZE) });
    const rest = await request(5);
    expect([rest.url, rest.headers['Upload-Offset']]).toEqual([
      'http://veza.test/api/v1/uploads/newer',
      String(2 * TUS_CHUNK_BYTES),
    ]);
    rest.respond(200, aTrackDetail(), { 'Upload-Offset': String(SIZE) });
    await expect(done).resolves.toBeTruthy();
  });

  it('names the track from the upload metadata when the last byte had already arrived', async () => {
    const track = aTrackDetail({ title: 'Already there' });
    const first = await setup({}, []);
    const lost = first.run(big());
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    (await request(1)).failNetwork();
    await expect(lost).rejects.toThrow(TypeError);

    const { run } = await setup(route(`GET /api/v1/tracks/${track.id}`, () => json(200, track)));
    const done = run(big());
    (await request(2)).respond(200, null, {
      'Upload-Offset': String(SIZE),
      'Upload-Length': String(SIZE),
      'Upload-Metadata': `filename ${btoa('long.wav')},trackId ${btoa(track.id)}`,
    });
    await expect(done).resolves.toMatchObject({ title: 'Already there' });
  });

  it('refreshes an expired session on a 401 and sends again with the new token', async () => {
    const { run, server, setToken } = await setup();
    const controller = new AbortController();
    const done = run(big(), controller.signal);
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    setToken('tok-2');
    (await request(1)).respond(401, refusal(401, 'TOKEN_EXPIRED', 'The access token expired.'));
    const head = await request(2);
    expect([head.method, head.headers.Authorization]).toEqual(['HEAD', 'Bearer tok-2']);
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(2);
    head.respond(200, null, { 'Upload-Offset': '0', 'Upload-Length': String(SIZE) });
    const patch = await request(3);
    expect([patch.method, patch.headers.Authorization, patch.headers['Upload-Offset']]).toEqual([
      'PATCH',
      'Bearer tok-2',
      '0',
    ]);
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a 401 right after a refresh ends the upload: the session is over', async () => {
    const { run, server } = await setup();
    const done = run(big());
    (await request(0)).respond(401, refusal(401, 'TOKEN_EXPIRED', 'The access token expired.'));
    (await request(1)).respond(401, refusal(401, 'UNAUTHORIZED', 'Sign in again.'));
    await expect(done).rejects.toMatchObject({ status: 401, message: 'Sign in again.' });
    expect(FakeXhr.sent).toHaveLength(2);
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(2);
  });

  it.each([
    [413, 'PAYLOAD_TOO_LARGE', 'Audio uploads are limited to 500 MiB.', {}],
    [429, 'UPLOAD_QUOTA_EXCEEDED', 'You have used your upload quota for today.', { 'Retry-After': '120' }],
  ])(
    'a %i refusal of the upload carries the server problem, without retrying',
    async (status, code, detail, headers) => {
      const { run } = await setup();
      const refused = run(big());
      (await request(0)).respond(status, refusal(status, code, detail), headers);
      await expect(refused).rejects.toMatchObject({ status, message: detail });
      if (status === 429) await expect(refused).rejects.toMatchObject({ retryAfter: 120 });
      expect(FakeXhr.sent).toHaveLength(1);
    },
  );

  it('a file refused at its last byte (422, not audio) carries the problem, without retrying', async () => {
    const { run } = await setup();
    const refused = run(new File([new Uint8Array(100)], 'noise.wav'));
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    (await request(1)).respond(422, refusal(422, 'NOT_AUDIO', 'This file is not audio Veza can play.'));
    await expect(refused).rejects.toMatchObject({ status: 422, message: 'This file is not audio Veza can play.' });
    expect(FakeXhr.sent).toHaveLength(2);
  });

  it('gives up with a network error once every retry has failed', async () => {
    const { run } = await setup({}, [0, 0]);
    const done = run(big());
    (await request(0)).failNetwork();
    (await request(1)).failNetwork();
    (await request(2)).failNetwork();
    await expect(done).rejects.toThrow(TypeError);
  });

  it('cancelling stops sending and ends the upload on the server', async () => {
    const controller = new AbortController();
    const { run } = await setup();
    const done = run(big(), controller.signal);
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    const patch = await request(1);
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    expect(patch.aborted).toBe(true);
    const terminate = await request(2);
    expect([terminate.method, terminate.url, terminate.headers.Authorization]).toEqual([
      'DELETE',
      UPLOAD_URL,
      'Bearer tok-1',
    ]);
    terminate.respond(204, null);
    await vi.waitFor(() => expect(remembered()).toHaveLength(0));
  });
});
