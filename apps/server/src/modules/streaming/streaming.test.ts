import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrackStatus, TrackVisibility } from '@/modules/tracks/tracks.tables';
import type { UserRow } from '@/modules/users/users.tables';
import { createTestApp, expectProblem, type Session } from '../../../test/app';
import { MASTER, SEGMENT, putHls } from '../../../test/hls-fixture';
import { signStreamToken, streamTokenKey } from './stream-token';

const { app, c, clock, given, deliverEvents } = await createTestApp();
// Two more processes, as `veza start --roles` would run them: delivery only, and API only.
const streamOnly = await createTestApp({ VEZA_ROLES: 'stream' });
const apiOnly = await createTestApp({ VEZA_ROLES: 'api' });

async function givenTrack(
  owner: UserRow,
  opts: { visibility?: TrackVisibility; status?: TrackStatus; files?: boolean } = {},
): Promise<string> {
  return (await given.track({ owner, ...opts })).id;
}

async function link(trackId: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ url: `/api/v1/tracks/${trackId}/stream`, headers });
}

/** The master playlist URL and its token, for a public track. */
async function play(trackId: string, headers: Record<string, string> = {}): Promise<{ url: string; token: string }> {
  const res = await link(trackId, headers);
  expect(res.statusCode, res.body).toBe(200);
  const { url } = res.json<{ url: string }>();
  return { url, token: new URL(url, 'http://x').searchParams.get('token')! };
}

let artist: UserRow;
let artistSession: Session;
let stranger: Session;
let admin: Session;
beforeAll(async () => {
  artist = await given.user({ role: 'artist' });
  artistSession = await given.session(artist);
  stranger = await given.session(await given.user());
  admin = await given.session(await given.user({ role: 'admin' }));
});

describe('GET /api/v1/tracks/:id/stream', () => {
  it('gives anyone a signed link to a public track, expiring after the configured TTL', async () => {
    const id = await givenTrack(artist);
    const res = await link(id);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ url: string; expiresAt: string }>();
    expect(body.url).toMatch(new RegExp(`^/stream/${id}/master\\.m3u8\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`));
    const ttl = c.config.streaming.tokenTtlMs;
    expect(new Date(body.expiresAt).getTime()).toBe(Math.floor((clock.now().getTime() + ttl) / 1000) * 1000);
  });

  it('plays unlisted tracks for anonymous listeners too', async () => {
    const id = await givenTrack(artist, { visibility: 'unlisted' });
    expect((await link(id)).statusCode).toBe(200);
  });

  it('hides private tracks from everyone but their owner and admins', async () => {
    const id = await givenTrack(artist, { visibility: 'private' });
    expectProblem(await link(id), 404, 'TRACK_NOT_FOUND');
    expectProblem(await link(id, stranger.auth), 404, 'TRACK_NOT_FOUND');
    // A stale or forged bearer on this public route means anonymous, not a 401 and not the owner.
    expectProblem(await link(id, { authorization: 'Bearer not-a-jwt' }), 404, 'TRACK_NOT_FOUND');
    expect((await link(id, artistSession.auth)).statusCode).toBe(200);
    expect((await link(id, admin.auth)).statusCode).toBe(200);
  });

  it('says 409 to the owner of a track still processing or failed, 404 to everyone else', async () => {
    const processing = await givenTrack(artist, { status: 'processing' });
    expectProblem(await link(processing, artistSession.auth), 409, 'TRACK_NOT_READY');
    expectProblem(await link(processing, admin.auth), 409, 'TRACK_NOT_READY');
    // Not ready is not public yet, whatever its visibility will be: the track page says the same.
    expectProblem(await link(processing), 404, 'TRACK_NOT_FOUND');
    expectProblem(await link(processing, stranger.auth), 404, 'TRACK_NOT_FOUND');
    const failed = await givenTrack(artist, { status: 'failed' });
    expectProblem(await link(failed, artistSession.auth), 409, 'TRACK_NOT_READY');
    expectProblem(await link(failed), 404, 'TRACK_NOT_FOUND');
  });

  it('answers 404 for unknown and malformed ids', async () => {
    expectProblem(await link(randomUUID()), 404, 'TRACK_NOT_FOUND');
    for (const bad of ['nope', '1', "1' OR '1'='1", 'ZZZZZZZZ-2f4a-4c8e-9a51-3d2f6b7c8e90', `${randomUUID()}x`]) {
      expectProblem(await link(encodeURIComponent(bad)), 404, 'TRACK_NOT_FOUND');
    }
    // What the contract test throws at every route: an empty id and one past the router's limit.
    for (const bad of ['', 'a'.repeat(5000), '%00', '..%2f..%2f']) {
      const res = await link(bad);
      expect(res.statusCode, bad.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, bad.slice(0, 20)).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('is in the OpenAPI document, the delivery routes are not', async () => {
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(spec.paths).toHaveProperty(['/api/v1/tracks/{id}/stream']);
    expect(Object.keys(spec.paths).filter((p) => p.startsWith('/stream'))).toEqual([]);
  });
});

describe('playlists', () => {
  it('serves the master playlist with the token on every URI, uncacheable', async () => {
    const id = await givenTrack(artist);
    const { url, token } = await play(id);
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.apple\.mpegurl/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toBe(MASTER.replace('128k/index.m3u8', `128k/index.m3u8?token=${token}`));
  });

  it('serves a rendition playlist with the token on every segment', async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    const res = await app.inject({ url: `/stream/${id}/128k/index.m3u8?token=${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.apple\.mpegurl/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const uris = res.body.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toEqual([`seg_00000.ts?token=${token}`, `seg_00001.ts?token=${token}`]);
  });

  it('answers 404 for a rendition the version does not have', async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    expectProblem(await app.inject({ url: `/stream/${id}/999k/index.m3u8?token=${token}` }), 404);
  });
});

describe('segments', () => {
  const segmentUrl = async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    return { id, token, url: `/stream/${id}/128k/seg_00000.ts?token=${token}` };
  };

  it('streams the whole segment with immutable caching and a strong ETag', async () => {
    const { url } = await segmentUrl();
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('video/mp2t');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-length']).toBe('1000');
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    expect(res.rawPayload.equals(SEGMENT)).toBe(true);
  });

  it('keeps unlisted and private tracks out of shared caches, also on 304', async () => {
    for (const visibility of ['unlisted', 'private'] as const) {
      const id = await givenTrack(artist, { visibility });
      const { token } = await play(id, artistSession.auth);
      const url = `/stream/${id}/128k/seg_00000.ts?token=${token}`;
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control'], visibility).toBe('private, max-age=31536000, immutable');
      const revalidated = await app.inject({ url, headers: { 'if-none-match': String(res.headers.etag) } });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.headers['cache-control'], visibility).toBe('private, max-age=31536000, immutable');
    }
  });

  it('answers 304 to If-None-Match with the same ETag', async () => {
    const { url } = await segmentUrl();
    const etag = String((await app.inject({ url })).headers.etag);
    const res = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(res.statusCode).toBe(304);
    expect(res.rawPayload.length).toBe(0);
    expect(res.headers.etag).toBe(etag);
    expect((await app.inject({ url, headers: { 'if-none-match': `W/${etag}` } })).statusCode).toBe(304);
    expect((await app.inject({ url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('serves byte ranges with 206 and exactly those bytes', async () => {
    const { url } = await segmentUrl();
    const cases = [
      { range: 'bytes=100-199', start: 100, end: 199 },
      { range: 'bytes=900-', start: 900, end: 999 },
      { range: 'bytes=-100', start: 900, end: 999 },
      { range: 'bytes=990-5000', start: 990, end: 999 },
      { range: 'bytes=0-0', start: 0, end: 0 },
    ];
    for (const { range, start, end } of cases) {
      const res = await app.inject({ url, headers: { range } });
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/1000`);
      expect(res.headers['content-length'], range).toBe(String(end - start + 1));
      expect(res.headers['content-type']).toBe('video/mp2t');
      expect(res.rawPayload.equals(SEGMENT.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 with the size for a range past the end', async () => {
    const { url } = await segmentUrl();
    for (const range of ['bytes=1000-', 'bytes=5000-6000', 'bytes=-0']) {
      const res = await app.inject({ url, headers: { range } });
      expectProblem(res, 416, 'RANGE_NOT_SATISFIABLE');
      expect(res.headers['content-range']).toBe('bytes */1000');
    }
  });

  it('answers several ranges, malformed ones and a stale If-Range with the whole segment', async () => {
    const { url } = await segmentUrl();
    for (const headers of [
      { range: 'bytes=0-9,20-29' },
      { range: 'bytes=9-0' },
      { range: 'lines=1-2' },
      { range: 'bytes=0-9', 'if-range': '"stale"' },
    ]) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      expect(res.rawPayload.equals(SEGMENT)).toBe(true);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const { url } = await segmentUrl();
    const res = await app.inject({ method: 'HEAD', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.headers['content-type']).toBe('video/mp2t');
    expect(res.rawPayload.length).toBe(0);
    const ranged = await app.inject({ method: 'HEAD', url, headers: { range: 'bytes=100-199' } });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-range']).toBe('bytes 100-199/1000');
    expect(ranged.rawPayload.length).toBe(0);
    const playlist = await app.inject({ method: 'HEAD', url: url.replace('seg_00000.ts', 'index.m3u8') });
    expect(playlist.statusCode).toBe(200);
    expect(playlist.rawPayload.length).toBe(0);
  });

  it('answers 404 for a segment the rendition does not have', async () => {
    const { id, token } = await segmentUrl();
    expectProblem(await app.inject({ url: `/stream/${id}/128k/seg_00099.ts?token=${token}` }), 404);
    expectProblem(await app.inject({ url: `/stream/${id}/64k/seg_00000.ts?token=${token}` }), 404);
  });

  it('never asks the database: segments and playlists still play after the track row is gone', async () => {
    const { id, token, url } = await segmentUrl();
    await c.db.deleteFrom('tracks').where('id', '=', id).execute();
    expect((await app.inject({ url })).rawPayload.equals(SEGMENT)).toBe(true);
    expect((await app.inject({ url: `/stream/${id}/master.m3u8?token=${token}` })).statusCode).toBe(200);
  });
});

describe('segments over a real socket', () => {
  // inject() never reaches the server's first look, so these go through node:http: the first
  // request of a segment is the route's (it fills the memory cache), later ones the fast path's.
  let base: string;
  beforeAll(async () => {
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  const fetchSegment = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + url, { headers });
    // The clock and the request id differ per response by design.
    const kept = Object.fromEntries([...res.headers].filter(([name]) => name !== 'date' && name !== 'x-request-id'));
    return { status: res.status, headers: kept, body: Buffer.from(await res.arrayBuffer()) };
  };

  it('answers alike from the route and from memory: status, headers and bytes', async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    const url = `/stream/${id}/128k/seg_00000.ts?token=${token}`;
    const fromRoute = await fetchSegment(url);
    const fromMemory = await fetchSegment(url);
    expect(fromRoute.status).toBe(200);
    expect(fromRoute.body.equals(SEGMENT)).toBe(true);
    expect(fromMemory).toEqual(fromRoute);
    expect(Object.keys(fromMemory.headers)).toEqual(Object.keys(fromRoute.headers));
    const res = await fetch(base + url, { headers: { 'x-request-id': 'wire-trace' } });
    expect(res.headers.get('x-request-id')).toBe('wire-trace');
  });

  it('answers an unlisted track from memory as private as from the route', async () => {
    const id = await givenTrack(artist, { visibility: 'unlisted' });
    const { token } = await play(id);
    const url = `/stream/${id}/128k/seg_00000.ts?token=${token}`;
    const fromRoute = await fetchSegment(url);
    const fromMemory = await fetchSegment(url);
    expect(fromRoute.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(fromMemory).toEqual(fromRoute);
  });

  it('still refuses bad tokens, ranges and conditionals on a segment held in memory, as the route does', async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    const url = `/stream/${id}/128k/seg_00000.ts?token=${token}`;
    const { headers } = await fetchSegment(url);
    const forged = await fetch(`${base}/stream/${id}/128k/seg_00000.ts?token=${token.slice(0, -2)}`);
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetchSegment(url, { range: 'bytes=0-9' })).body.equals(SEGMENT.subarray(0, 10))).toBe(true);
    expect((await fetchSegment(url, { 'if-none-match': headers.etag! })).status).toBe(304);
  });

  it('stops serving a deleted track’s segments from memory', async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    const url = `/stream/${id}/128k/seg_00000.ts?token=${token}`;
    expect((await fetchSegment(url)).status).toBe(200);
    expect((await fetchSegment(url)).status).toBe(200);
    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${id}`, headers: artistSession.auth });
    expect(deleted.statusCode).toBe(204);
    await deliverEvents(); // the worker's part: 'track.deleted' reaches the streaming module
    await expect.poll(async () => (await fetchSegment(url)).status, { timeout: 5000 }).toBe(404);
  });
});

describe('stream tokens on the wire', () => {
  it('refuses missing, forged, truncated, garbage and other tracks’ tokens with 403', async () => {
    const id = await givenTrack(artist);
    const other = await givenTrack(artist);
    const { token } = await play(id);
    const { token: otherToken } = await play(other);
    const [payload, mac] = token.split('.') as [string, string];
    const forgedMac = `${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    const key = streamTokenKey('not the server secret');
    const wrongKey = signStreamToken(key, { trackId: id, viewer: null, version: 'v1', exp: 4_000_000_000 });
    const tokens = [
      undefined,
      '',
      otherToken,
      forgedMac,
      wrongKey,
      token.slice(0, -2),
      payload,
      'garbage',
      '....',
      '%E2%82%AC.%E2%82%AC',
      'x'.repeat(3000),
    ];
    for (const path of ['master.m3u8', '128k/index.m3u8', '128k/seg_00000.ts']) {
      for (const bad of tokens) {
        const url = `/stream/${id}/${path}${bad === undefined ? '' : `?token=${bad}`}`;
        expectProblem(await app.inject({ url }), 403, 'STREAM_TOKEN_INVALID');
      }
    }
  });

  it('refuses an expired token with 403 STREAM_TOKEN_EXPIRED', async () => {
    const id = await givenTrack(artist);
    const { url } = await play(id);
    const segment = url.replace('master.m3u8', '128k/seg_00000.ts');
    expect((await app.inject({ url: segment })).statusCode).toBe(200);
    clock.advance(c.config.streaming.tokenTtlMs + 1000);
    expectProblem(await app.inject({ url }), 403, 'STREAM_TOKEN_EXPIRED');
    expectProblem(await app.inject({ url: segment }), 403, 'STREAM_TOKEN_EXPIRED');
    // A new link plays again.
    expect((await app.inject({ url: (await play(id)).url })).statusCode).toBe(200);
  });

  it('opens only the version the token names', async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    await putHls(c.storage, id, 'v2');
    await c.storage.put(`tracks/${id}/hls/v2/128k/seg_00000.ts`, Buffer.from('version two'));
    const res = await app.inject({ url: `/stream/${id}/128k/seg_00000.ts?token=${token}` });
    expect(res.rawPayload.equals(SEGMENT)).toBe(true);
  });
});

describe('hostile paths', () => {
  it('refuses traversal and odd names with a 4xx problem, never a 5xx or a file', async () => {
    const id = await givenTrack(artist);
    const { token } = await play(id);
    await c.storage.put(`tracks/${id}/secret.txt`, Buffer.from('SECRET-CONTENT'));
    await c.storage.put(`tracks/${id}/hls/v1/128k/evil.ts`, Buffer.from('EVIL-CONTENT'));
    const q = `?token=${token}`;
    const paths = [
      `/stream/${id}/..%2f..%2fsecret.txt${q}`,
      `/stream/${id}/..%2F..%2Fsecret.txt/index.m3u8${q}`,
      `/stream/${id}/128k/..%2f..%2f..%2fsecret.txt${q}`,
      `/stream/${id}/128k/..%252f..%252fsecret.txt${q}`,
      `/stream/${id}/128k%2f..%2f..%2fsecret.txt/seg_00000.ts${q}`,
      `/stream/${id}/128k/seg_00000.ts%2f..%2f..%2fsecret.txt${q}`,
      `/stream/${id}/128k/evil.ts${q}`,
      `/stream/${id}/128k/seg_0.ts${q}`,
      `/stream/${id}/128k/seg_000000.ts${q}`,
      `/stream/${id}/128k/SEG_00000.ts${q}`,
      `/stream/${id}/128k/seg_00000.ts.bak${q}`,
      `/stream/${id}/128k/seg_00000.ts%00${q}`,
      `/stream/${id}/128k/seg_00000.ts%0a${q}`,
      `/stream/${id}/128K/seg_00000.ts${q}`,
      `/stream/${id}/.../seg_00000.ts${q}`,
      `/stream/${id}/${'a'.repeat(17)}/seg_00000.ts${q}`,
      `/stream/${id}/128k/index.m3u8/..${q}`,
      `/stream/${id}/128k/%2e%2e/%2e%2e/secret.txt${q}`,
      `/stream/${id.toUpperCase()}/master.m3u8${q}`,
      `/stream/..%2f..%2ftracks/master.m3u8${q}`,
      `/stream/${id}%2f..%2fx/master.m3u8${q}`,
      `/stream/${id}/128k/seg_00000.ts?token=${token}&token=${token}`,
    ];
    for (const url of paths) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.body, url).not.toContain('SECRET-CONTENT');
      expect(res.body, url).not.toContain('EVIL-CONTENT');
    }
  });
});

describe('a stream-only process', () => {
  it('serves links minted by the API role from its own storage, with no track in its database', async () => {
    const id = await givenTrack(artist);
    const { url } = await play(id);
    await putHls(streamOnly.c.storage, id);
    const res = await streamOnly.app.inject({ url: url.replace('master.m3u8', '128k/seg_00000.ts') });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(SEGMENT)).toBe(true);
    expectProblem(await streamOnly.app.inject({ url: `/api/v1/tracks/${id}/stream` }), 404, 'ROUTE_NOT_FOUND');
  });

  it('is absent from a process without the stream role', async () => {
    expectProblem(
      await apiOnly.app.inject({ url: `/stream/${randomUUID()}/master.m3u8?token=x` }),
      404,
      'ROUTE_NOT_FOUND',
    );
  });
});
