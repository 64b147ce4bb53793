import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@/platform/clock/clock';
import { securityHeaders } from '@/platform/http/front-door';
import { requestIdFrom } from '@/platform/http/request-id';
import { RouteMetrics } from '@/platform/metrics/route-metrics';
import { createLocalStorage } from '@/platform/storage/local-storage';
import { SegmentCache } from './segment-cache';
import { segmentFastPath } from './segment-fast-path';
import { signStreamToken, streamTokenKey } from './stream-token';
import { StreamingService } from './streaming.service';

/**
 * The fast path alone, on a real node:http server: what it answers, and
 * everything it must pass on (here to a marker answer) for the Fastify
 * route to decide. The app-level test checks both paths answer alike.
 */
const SEGMENT = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 13) % 256));
const trackId = randomUUID();
const clock = new FakeClock(new Date('2026-11-27T12:00:00Z'));
const key = streamTokenKey('a-session-secret-of-at-least-32-characters');
const sign = (claims: { trackId?: string; exp?: number; version?: string; publicTrack?: boolean } = {}) =>
  signStreamToken(key, {
    trackId: claims.trackId ?? trackId,
    viewer: null,
    version: claims.version ?? 'v1',
    exp: claims.exp ?? Math.floor(clock.now().getTime() / 1000) + 3600,
    publicTrack: claims.publicTrack ?? true,
  });
const token = sign();
const segmentPath = `/stream/${trackId}/128k/seg_00000.ts`;

let dir: string;
let base: string;
let server: http.Server;
let closing = false;
let streaming: StreamingService;
const registry = new Registry();
const metrics = new RouteMetrics(registry, { countName: 'requests', durationName: 'duration', buckets: [0.1] });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'veza-fast-path-'));
  const storage = createLocalStorage(dir);
  await storage.put(`tracks/${trackId}/hls/v1/128k/seg_00000.ts`, SEGMENT);
  await storage.put(`tracks/${trackId}/hls/v1/128k/seg_00001.ts`, SEGMENT.subarray(0, 10));
  streaming = new StreamingService({
    tracks: { visibleTrack: () => Promise.reject(new Error('links are not this test’s business')) },
    storage,
    clock,
    tokenKey: key,
    tokenTtlMs: 3600_000,
    cache: new SegmentCache(1024 * 1024),
  });
  const fast = segmentFastPath({
    streaming,
    securityHeaders: securityHeaders({ https: false }),
    requestId: requestIdFrom,
    metrics,
    closing: () => closing,
  });
  server = http.createServer((req, res) => {
    if (fast(req, res)) return;
    res.writeHead(204, { 'x-passed-on': 'yes' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The route's first answer is what puts a segment in memory.
  await streaming.segment(trackId, '128k', 'seg_00000.ts', token);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, init: RequestInit = {}) => fetch(base + url, init);
const passedOn = async (res: Response) => res.status === 204 && res.headers.get('x-passed-on') === 'yes';

describe('the segment fast path', () => {
  it('answers a cached segment with the route’s headers and the exact bytes, counted as the route', async () => {
    const res = await get(`${segmentPath}?token=${token}`, { headers: { 'x-request-id': 'trace-1' } });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'x-request-id': 'trace-1',
      ...securityHeaders({ https: false }),
      'content-type': 'video/mp2t',
      'cache-control': 'public, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
      'content-length': '2000',
      etag: '"v1-7d0"',
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(SEGMENT)).toBe(true);
    expect(await registry.metrics()).toMatch(
      /requests\{method="GET",route="\/stream\/:trackId\/:rendition\/:segment",status="200"\} 1/,
    );
  });

  it('keeps the segments of a track that is not public out of shared caches', async () => {
    const res = await get(`${segmentPath}?token=${sign({ publicTrack: false })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(Buffer.from(await res.arrayBuffer()).equals(SEGMENT)).toBe(true);
  });

  it('makes up a request id when the caller gives none or an unsafe one', async () => {
    for (const given of [undefined, 'bad id with spaces']) {
      const res = await get(`${segmentPath}?token=${token}`, { headers: given ? { 'x-request-id': given } : {} });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('passes on a segment not in memory yet', async () => {
    expect(await passedOn(await get(`/stream/${trackId}/128k/seg_00001.ts?token=${token}`))).toBe(true);
    expect(await passedOn(await get(`/stream/${trackId}/64k/seg_00000.ts?token=${token}`))).toBe(true);
  });

  it('passes on every token it cannot accept, for the route to refuse with its 403', async () => {
    const [payload, mac] = token.split('.') as [string, string];
    const tokens = [
      '',
      sign({ trackId: randomUUID() }),
      `${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`,
      signStreamToken(streamTokenKey('not the server secret at all, really'), {
        trackId,
        viewer: null,
        version: 'v1',
        exp: 4_000_000_000,
      }),
      sign({ exp: Math.floor(clock.now().getTime() / 1000) - 1 }),
      sign({ version: 'v2' }), // authentic, but nothing of that version is in memory
      token.slice(0, -2),
      encodeURIComponent(`${token}=`),
      'x'.repeat(600),
    ];
    for (const bad of tokens) expect(await passedOn(await get(`${segmentPath}?token=${bad}`)), bad).toBe(true);
    expect(await passedOn(await get(segmentPath))).toBe(true);
  });

  it('passes on an expired token it once accepted', async () => {
    const shortLived = sign({ exp: Math.floor(clock.now().getTime() / 1000) + 10 });
    expect((await get(`${segmentPath}?token=${shortLived}`)).status).toBe(200);
    clock.advance(11_000);
    expect(await passedOn(await get(`${segmentPath}?token=${shortLived}`))).toBe(true);
  });

  it('passes on Range, conditional requests, HEAD and other methods', async () => {
    const url = `${segmentPath}?token=${token}`;
    const conditions: Record<string, string>[] = [
      { range: 'bytes=0-9' },
      { 'if-none-match': '"v1-7d0"' },
      { 'if-range': '"v1-7d0"' },
    ];
    for (const headers of conditions) {
      expect(await passedOn(await get(url, { headers })), JSON.stringify(headers)).toBe(true);
    }
    for (const method of ['HEAD', 'POST', 'DELETE'])
      expect(await passedOn(await get(url, { method })), method).toBe(true);
  });

  it('passes on any URL but the plain one: odd names, extra parameters, encodings', async () => {
    const q = `?token=${token}`;
    const urls = [
      `/stream/${trackId.toUpperCase()}/128k/seg_00000.ts${q}`,
      `/stream/${trackId}/128K/seg_00000.ts${q}`,
      `/stream/${trackId}/128k/seg_0.ts${q}`,
      `/stream/${trackId}/128k/seg_00000.ts%00${q}`,
      `/stream/${trackId}/128k/..%2fseg_00000.ts${q}`,
      `/stream/${trackId}//128k/seg_00000.ts${q}`,
      `/stream/${trackId}/128k/seg_00000.ts/${q}`,
      `${segmentPath}${q}&token=${token}`,
      `${segmentPath}${q}&x=1`,
      `${segmentPath}?x=1&token=${token}`,
      `/api/v1/stream/${trackId}/128k/seg_00000.ts${q}`,
    ];
    for (const url of urls) expect(await passedOn(await get(url)), url).toBe(true);
  });

  it('passes everything on once the server is closing', async () => {
    closing = true;
    try {
      expect(await passedOn(await get(`${segmentPath}?token=${token}`))).toBe(true);
    } finally {
      closing = false;
    }
  });
});
