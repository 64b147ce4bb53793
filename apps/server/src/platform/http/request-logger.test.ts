import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import { requestLogger } from './request-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('the request logger', () => {
  it('binds the request id to every line a request writes, and quiet probes write none', async () => {
    const { log, lines } = capture();
    const { app } = await createTestApp({}, { log });
    await app.inject({ url: '/healthz', headers: { 'x-request-id': 'probe-1' } });
    await app.inject({ url: '/api/v1/users/nobodyhere', headers: { 'x-request-id': 'trace-9' } });
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines.some((line) => line.reqId === 'probe-1')).toBe(false);
    const requestLine = lines.find((line) => line.msg === 'request');
    expect(requestLine).toMatchObject({ reqId: 'trace-9', status: 404, url: '/api/v1/users/nobodyhere' });
  });

  it('never writes a stream token into the log', async () => {
    const { log, lines } = capture();
    const { app } = await createTestApp({}, { log });
    const id = '00000000-0000-4000-8000-000000000000';
    await app.inject({ url: `/stream/${id}/master.m3u8?token=secret-token-value&x=1` });
    await new Promise((resolve) => setImmediate(resolve));
    const text = JSON.stringify(lines);
    expect(text).toContain(`/stream/${id}/master.m3u8?token=[redacted]&x=1`);
    expect(text).not.toContain('secret-token-value');
  });

  it('behaves as the child it stands for: level, nested children, route log levels', () => {
    const { log, lines } = capture();
    const reqLog = requestLogger(log, { reqId: 'r1' }, {});
    expect(reqLog.level).toBe('info');
    reqLog.debug('not written at info');
    reqLog.child({ job: 'x' }).warn('nested');
    reqLog.level = 'debug';
    reqLog.debug('now written');
    expect(lines.map((line) => [line.reqId, line.job, line.msg])).toEqual([
      ['r1', 'x', 'nested'],
      ['r1', undefined, 'now written'],
    ]);

    const quietRoute = requestLogger(log, { reqId: 'r2' }, { level: 'error' });
    expect(quietRoute.level).toBe('error');
    quietRoute.warn('dropped');
    expect(lines).toHaveLength(2);
  });
});
