import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Anchor of U: the ceiling for receiving a large upload in Node. Bare
 * node:http piping the request body, as it arrives (multipart framing and
 * all), to a new file in UPLOAD_DIR, then answering 201 with the byte count.
 * No parsing, no database, no probe. GET answers 200 for the readiness check.
 */
const dir = process.env.UPLOAD_DIR ?? '/tmp';

http
  .createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const file = path.join(dir, `upload-${randomBytes(6).toString('hex')}`);
    const out = createWriteStream(file);
    pipeline(req, out).then(
      () => {
        const body = JSON.stringify({ bytes: out.bytesWritten });
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (err: Error) => {
        res.writeHead(500).end(err.message);
      },
    );
  })
  .listen(Number(process.env.PORT ?? 8083), process.env.HOST ?? '127.0.0.1');
