import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, testApi } from '@/test/fake-api';
import { FakeXhr } from '@/test/fake-xhr';
import { aTrackDetail } from '@/test/tracks';
import type { UploadFields } from './upload.transport';
import { TUS_CHUNK_BYTES, createTusUploader, uploadMetadata, type ResumeStore } from './upload.tus';

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
const big = () => new File([new Uint8Array(2 * TUS_CHUNK_BYTES + 100)], 'long.wav', { lastModified: 1 });

function memoryStore(): ResumeStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

function setup(store = memoryStore()) {
  const api = testApi(fakeServer({ 'POST /api/v1/auth/refresh': () => json(401, {}) }));
  const progress: number[] = [];
  const upload = createTusUploader(api, { store, wait: () => Promise.resolve() });
  const run = (file: File, signal = new AbortController().signal) =>
    upload(file, fields, (p) => progress.push(p.loaded), signal);
  return { run, progress, store };
}

/** The n-th request the uploader makes, once it has made it. */
const request = (n: number) => vi.waitFor(() => FakeXhr.sent[n] ?? Promise.reject(new Error(`no request ${n} yet`)));

describe('resumable uploads', () => {
  it('creates the upload, sends the file in chunks, and answers the created track', async () => {
    const { run, progress, store } = setup();
    const done = run(big());

    const create = await request(0);
    expect(create.method).toBe('POST');
    expect(create.url).toBe('http://veza.test/api/v1/uploads');
    expect(create.headers['Upload-Length']).toBe(String(2 * TUS_CHUNK_BYTES + 100));
    expect(create.headers['Upload-Metadata']).toBe(uploadMetadata(big(), fields));
    create.respond(201, null, { Location: '/api/v1/uploads/abc' });

    for (const [n, offset] of [
      [1, 0],
      [2, TUS_CHUNK_BYTES],
    ] as const) {
      const patch = await request(n);
      expect([patch.method, patch.url, patch.headers['Upload-Offset']]).toEqual([
        'PATCH',
        'http://veza.test/api/v1/uploads/abc',
        String(offset),
      ]);
      expect((patch.body as Blob).size).toBe(TUS_CHUNK_BYTES);
      patch.progress(1000, TUS_CHUNK_BYTES);
      patch.respond(204, null, { 'Upload-Offset': String(offset + TUS_CHUNK_BYTES) });
    }
    expect(store.items.size).toBe(1);
    const last = await request(3);
    expect((last.body as Blob).size).toBe(100);
    last.respond(200, aTrackDetail({ title: 'Été' }));

    await expect(done).resolves.toMatchObject({ title: 'Été' });
    expect(progress).toContain(TUS_CHUNK_BYTES + 1000);
    expect(progress.at(-1)).toBe(2 * TUS_CHUNK_BYTES + 100);
    expect(store.items.size).toBe(0); // nothing left to resume
  });

  it('resumes a remembered upload from the offset the server reports, after a reload', async () => {
    const store = memoryStore();
    store.setItem(`veza.upload:long.wav:${2 * TUS_CHUNK_BYTES + 100}:1`, '/api/v1/uploads/abc');
    const { run } = setup(store);
    const done = run(big());

    const head = await request(0);
    expect([head.method, head.url]).toEqual(['HEAD', 'http://veza.test/api/v1/uploads/abc']);
    head.respond(200, null, { 'Upload-Offset': String(2 * TUS_CHUNK_BYTES) });
    const rest = await request(1);
    expect([rest.method, rest.headers['Upload-Offset'], (rest.body as Blob).size]).toEqual([
      'PATCH',
      String(2 * TUS_CHUNK_BYTES),
      100,
    ]);
    rest.respond(200, aTrackDetail());
    await expect(done).resolves.toBeTruthy();
  });

  it('asks the server where it stopped after a network failure, and continues from there', async () => {
    const { run } = setup();
    const done = run(big());
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    (await request(1)).failNetwork();
    const head = await request(2);
    expect(head.method).toBe('HEAD');
    head.respond(200, null, { 'Upload-Offset': '5000' });
    const again = await request(3);
    expect(again.headers['Upload-Offset']).toBe('5000');
    again.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('cancelling ends the upload on the server; a refusal carries the problem', async () => {
    const controller = new AbortController();
    const { run, store } = setup();
    const done = run(big(), controller.signal);
    (await request(0)).respond(201, null, { Location: '/api/v1/uploads/abc' });
    await request(1);
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    const terminate = await request(2);
    expect([terminate.method, terminate.url]).toEqual(['DELETE', 'http://veza.test/api/v1/uploads/abc']);
    expect(store.items.size).toBe(0);

    const refused = run(big());
    (await request(3)).respond(413, {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      title: 'Payload too large',
      detail: 'Audio uploads are limited to 500 MiB.',
    });
    await expect(refused).rejects.toMatchObject({ status: 413, message: 'Audio uploads are limited to 500 MiB.' });
  });
});
