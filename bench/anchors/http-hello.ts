import http from 'node:http';

/**
 * Anchor of F: the ceiling for any Node HTTP server on this machine. Bare
 * node:http, no framework, no hooks, answering the same small JSON body as
 * Veza's /healthz on every path.
 */

const body = JSON.stringify({ status: 'ok' });
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) };

http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(process.env.PORT ?? 8081), process.env.HOST ?? '127.0.0.1');
