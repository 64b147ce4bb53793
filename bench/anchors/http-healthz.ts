import http from 'node:http';
import { SECURITY_HEADERS, requestId } from './front-door';

/**
 * Anchor of F: what no server answering Veza's /healthz can avoid. Bare
 * node:http, no framework, sending the response Veza sends, line for line:
 * the request id (the caller's when it is safe to echo, else a fresh UUID),
 * the OWASP REST security headers, the JSON body serialised per request,
 * and Keep-Alive at Fastify's 72 s. Written without importing Veza, so a
 * change on our side cannot move the anchor with it; the benchmark compares
 * one response of each before any load and stops if they differ.
 */

const server = http.createServer((req, res) => {
  if (req.method !== 'GET' || req.url !== '/healthz') {
    res.writeHead(404, { 'content-length': 0 }).end();
    return;
  }
  const body = JSON.stringify({ status: 'ok' });
  res.writeHead(200, {
    'x-request-id': requestId(req),
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
});
server.keepAliveTimeout = 72_000; // Fastify's default, which Veza keeps
server.listen(Number(process.env.PORT ?? 8081), process.env.HOST ?? '127.0.0.1');
