import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ShutdownManager } from './shutdown';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const never = () => new Promise<void>(() => undefined);

describe('ShutdownManager', () => {
  it('stops services in parallel', async () => {
    const manager = new ShutdownManager({ log });
    for (const name of ['a', 'b', 'c']) manager.register(name, () => sleep(100));
    const started = Date.now();
    const results = await manager.shutdown();
    expect(Date.now() - started).toBeLessThan(250);
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['a', 'ok'],
      ['b', 'ok'],
      ['c', 'ok'],
    ]);
  });

  it('times out one hung service without holding up the others', async () => {
    const manager = new ShutdownManager({ log, serviceTimeoutMs: 50 });
    let fastDone = false;
    manager.register('hung', never);
    manager.register('fast', async () => {
      await sleep(10);
      fastDone = true;
    });
    const started = Date.now();
    const results = await manager.shutdown();
    expect(Date.now() - started).toBeLessThan(200);
    expect(fastDone).toBe(true);
    expect(results).toEqual([
      expect.objectContaining({ name: 'hung', status: 'timeout', error: expect.stringContaining('service timeout') }),
      expect.objectContaining({ name: 'fast', status: 'ok' }),
    ]);
  });

  it('reports failures, synchronous or not, without throwing', async () => {
    const manager = new ShutdownManager({ log });
    manager.register('rejects', () => Promise.reject(new Error('pool already closed')));
    manager.register('throws', () => {
      throw new Error('boom');
    });
    manager.register('fine', async () => undefined);
    const results = await manager.shutdown();
    expect(results.map((r) => [r.name, r.status, r.error])).toEqual([
      ['rejects', 'error', 'pool already closed'],
      ['throws', 'error', 'boom'],
      ['fine', 'ok', undefined],
    ]);
  });

  it('keeps the whole shutdown within the global budget', async () => {
    const manager = new ShutdownManager({ log, serviceTimeoutMs: 1_000, totalTimeoutMs: 80 });
    let closeCalled = false;
    manager.register('http', never, { phase: 'drain' });
    manager.register('db', async () => {
      closeCalled = true;
    });
    const started = Date.now();
    const results = await manager.shutdown();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(70);
    expect(elapsed).toBeLessThan(300);
    expect(results).toEqual([
      expect.objectContaining({ name: 'http', status: 'timeout', error: expect.stringContaining('global') }),
      expect.objectContaining({ name: 'db', status: 'timeout', error: expect.stringContaining('not started') }),
    ]);
    expect(closeCalled).toBe(false);
  });

  it('gives close-phase services what is left of the global budget', async () => {
    const manager = new ShutdownManager({ log, serviceTimeoutMs: 1_000, totalTimeoutMs: 120 });
    manager.register('http', () => sleep(60), { phase: 'drain' });
    manager.register('db', never);
    const started = Date.now();
    const results = await manager.shutdown();
    expect(Date.now() - started).toBeLessThan(300);
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['http', 'ok'],
      ['db', 'timeout'],
    ]);
  });

  it('drains, then closes, then runs the last phase, whatever the registration order', async () => {
    const manager = new ShutdownManager({ log });
    const events: string[] = [];
    const service = (name: string, ms: number) => async () => {
      events.push(`${name}:start`);
      await sleep(ms);
      events.push(`${name}:end`);
    };
    manager.register('embedded-postgres', service('embedded-postgres', 1), { phase: 'last' });
    manager.register('db', service('db', 5));
    manager.register('http', service('http', 40), { phase: 'drain' });
    manager.register('worker', service('worker', 20), { phase: 'drain' });
    manager.register('redis', service('redis', 5), { phase: 'close' });
    manager.register('failing-drain', () => Promise.reject(new Error('x')), { phase: 'drain' });

    const results = await manager.shutdown();

    expect(events.slice(0, 2).sort()).toEqual(['http:start', 'worker:start']);
    const lastDrainEnd = events.indexOf('http:end');
    expect(events.indexOf('worker:end')).toBeLessThan(lastDrainEnd);
    expect(events.indexOf('db:start')).toBeGreaterThan(lastDrainEnd);
    expect(events.indexOf('redis:start')).toBeGreaterThan(lastDrainEnd);
    expect(events.indexOf('embedded-postgres:start')).toBeGreaterThan(events.indexOf('db:end'));
    expect(events.indexOf('embedded-postgres:start')).toBeGreaterThan(events.indexOf('redis:end'));
    expect(results.map((r) => [r.name, r.phase, r.status])).toEqual([
      ['embedded-postgres', 'last', 'ok'],
      ['db', 'close', 'ok'],
      ['http', 'drain', 'ok'],
      ['worker', 'drain', 'ok'],
      ['redis', 'close', 'ok'],
      ['failing-drain', 'drain', 'error'],
    ]);
  });

  it('refuses registration once shutdown has started', async () => {
    const manager = new ShutdownManager({ log });
    manager.register('db', async () => undefined);
    expect(() => manager.register('db', async () => undefined)).toThrow(/already registered/);
    const done = manager.shutdown();
    expect(manager.started).toBe(true);
    expect(() => manager.register('late', async () => undefined)).toThrow(/shutdown has already started/);
    await done;
    expect(() => manager.register('later', async () => undefined)).toThrow(/shutdown has already started/);
  });

  it('returns the same promise when called twice and stops each service once', async () => {
    const manager = new ShutdownManager({ log });
    let calls = 0;
    manager.register('db', async () => {
      calls += 1;
      await sleep(10);
    });
    const first = manager.shutdown();
    const second = manager.shutdown();
    expect(second).toBe(first);
    await first;
    expect(await manager.shutdown()).toBe(await first);
    expect(calls).toBe(1);
  });

  it('finishes at once with nothing registered', async () => {
    expect(await new ShutdownManager({ log }).shutdown()).toEqual([]);
  });
});
