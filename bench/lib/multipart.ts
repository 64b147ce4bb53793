import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';

/**
 * A multipart/form-data POST whose file part is streamed from disk: the
 * body is never held in memory on the client either, and its length is
 * known up front (Content-Length, no chunked encoding), like a browser's.
 */

export interface UploadRequest {
  url: string;
  file: string;
  /** Text fields sent before the file. */
  fields?: Record<string, string>;
  fileField?: string;
  filename?: string;
  contentType?: string;
  token?: string;
}

export interface UploadResult {
  status: number;
  body: string;
  /** Bytes of the whole request body, multipart framing included. */
  bytesSent: number;
  /** From the first byte written to the last byte of the answer. */
  wallMs: number;
}

export function multipartUpload(req: UploadRequest): Promise<UploadResult> {
  const boundary = `----veza-bench-${randomBytes(12).toString('hex')}`;
  const fieldParts = Object.entries(req.fields ?? {}).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    fieldParts.join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${req.fileField ?? 'file'}"; ` +
      `filename="${req.filename ?? 'upload.bin'}"\r\nContent-Type: ${req.contentType ?? 'application/octet-stream'}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const bytesSent = head.length + statSync(req.file).size + tail.length;

  return new Promise((resolve, reject) => {
    const file = createReadStream(req.file, { highWaterMark: 1024 * 1024 });
    const started = performance.now();
    let answered = false;
    const request = http.request(req.url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(bytesSent),
        ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
      },
    });
    request.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        file.destroy();
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          bytesSent,
          wallMs: performance.now() - started,
        });
      });
    });
    // A server that refuses early (413, 401) may close while we still write: its answer is the result.
    request.on('error', (err) => {
      if (!answered) reject(err);
    });
    file.on('error', (err) => {
      request.destroy(err);
      reject(err);
    });
    request.write(head);
    file.pipe(request, { end: false });
    file.on('end', () => request.end(tail));
  });
}
