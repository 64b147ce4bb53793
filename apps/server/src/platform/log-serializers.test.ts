import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { serializeError } from './log-serializers';

describe('serializeError', () => {
  it("keeps an error's message, code and stack, and drops the database client pg attaches", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino({ serializers: { err: serializeError } }, sink);
    const err = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      client: { connectionParameters: { host: '127.0.0.1', user: 'veza' }, _queryQueue: [] },
    });
    log.error({ err }, 'job queue error');
    const written = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(written.err).toMatchObject({ type: 'Error', message: err.message, code: '57P01' });
    expect(written.err.stack).toContain('terminating connection');
    expect(written.err).not.toHaveProperty('client');
    expect(serializeError('not an error')).toBe('not an error');
  });
});
