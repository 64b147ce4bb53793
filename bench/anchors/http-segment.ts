import { createHmac, createSecretKey, hkdfSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { SECURITY_HEADERS, requestId } from './front-door';

/**
 * Anchor of H: what no server handing out Veza's HLS segments can avoid.
 * Bare node:http, the segment's bytes in memory, and per request: match the
 * URL, check the stream token the way apps/server's stream-token.ts does
 * (HMAC-SHA256 over the same bytes with the same HKDF-derived key, constant-
 * time compare, payload parsed after it is authenticated, expiry), then
 * send the same header lines as Veza (request id, the OWASP REST security
 * set, ETag, Cache-Control, Content-Type, Accept-Ranges, Content-Length)
 * and the bytes. Written without importing Veza, so a change on our side
 * cannot move the anchor with it; the benchmark compares one response of
 * each before any load and stops if they differ.
 *
 * Env: SESSION_SECRET (Veza's, the key is derived from it), SEGMENT_FILE
 * and SEGMENT_KEY (`<track id>/<hls version>/<rendition>/<segment>`: what
 * the file is, hence which token and URL open it).
 */

const URL_PATTERN =
  /^\/stream\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([a-z0-9]{1,16})\/(seg_[0-9]{5}\.ts)\?token=([A-Za-z0-9_.-]{1,512})$/;
const PAYLOAD_PATTERN = /^([a-z0-9-]{1,40})\.(\d{1,12})\.([0-9a-f-]{36})?(\.p)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_TOKEN_LENGTH = 256;
const MAC_CONTEXT = 'veza-stream-token-v1\n';

/** A public track's segments may sit in shared caches; the token's `.p` says the track was public. */
const SEGMENT_CACHE = {
  public: 'public, max-age=31536000, immutable',
  private: 'private, max-age=31536000, immutable',
};

const key = createSecretKey(Buffer.from(hkdfSync('sha256', required('SESSION_SECRET'), '', 'veza/stream-token', 32)));
/** By `<track>/<version>/<rendition>/<segment>`, as Veza's cache keys them: the version comes from the verified token. */
const segments = new Map([[required('SEGMENT_KEY'), readFileSync(required('SEGMENT_FILE'))]]);

/** What the token opens for `trackId`, or undefined: forged, for another track, malformed or expired. */
function verified(
  token: string,
  trackId: string,
  nowMs: number,
): { version: string; publicTrack: boolean } | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
  const payload = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (!BASE64URL.test(payload) || !BASE64URL.test(given)) return undefined;
  const expected = createHmac('sha256', key).update(`${MAC_CONTEXT}${trackId}\n${payload}`, 'utf8').digest('base64url');
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
  const match = PAYLOAD_PATTERN.exec(Buffer.from(payload, 'base64url').toString('latin1'));
  if (!match || Number(match[2]) * 1000 <= nowMs) return undefined;
  return { version: match[1]!, publicTrack: match[4] !== undefined };
}

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-length': 2 }).end('ok'); // readiness, for the benchmark
    return;
  }
  const match = req.method === 'GET' ? URL_PATTERN.exec(req.url ?? '') : null;
  if (!match) {
    res.writeHead(404, { 'content-length': 0 }).end();
    return;
  }
  const [, trackId, rendition, segment, token] = match as unknown as [string, string, string, string, string];
  const claims = verified(token, trackId, Date.now());
  if (claims === undefined) {
    res.writeHead(403, { 'content-length': 0 }).end();
    return;
  }
  const { version, publicTrack } = claims;
  const body = segments.get(`${trackId}/${version}/${rendition}/${segment}`);
  if (!body) {
    res.writeHead(404, { 'content-length': 0 }).end();
    return;
  }
  res.writeHead(200, {
    'x-request-id': requestId(req),
    ...SECURITY_HEADERS,
    etag: `"${version}-${body.length.toString(16)}"`,
    'cache-control': publicTrack ? SEGMENT_CACHE.public : SEGMENT_CACHE.private,
    'content-type': 'video/mp2t',
    'accept-ranges': 'bytes',
    'content-length': body.length,
  });
  res.end(body);
});
server.keepAliveTimeout = 72_000; // Fastify's default, which Veza keeps
server.listen(Number(process.env.PORT ?? 8081), process.env.HOST ?? '127.0.0.1');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
