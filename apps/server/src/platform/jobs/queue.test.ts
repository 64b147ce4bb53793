import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { JobQueue } from './queue';

type Probe = { 'probe.count': { n: number } };

describe('the job queue', () => {
  let url: string;
  let drop: () => Promise<void>;
  let queue: JobQueue<Probe> | undefined;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
  });
  afterAll(async () => {
    await queue?.stop();
    await drop();
  });

  it('runs queued jobs back to back, waiting the poll interval only once the queue is empty', async () => {
    const done: number[] = [];
    let allDone: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (allDone = resolve));
    const JOBS = 8;
    const POLL_MS = 2_000;
    const specs = {
      'probe.count': {
        retryLimit: 0,
        handler: ({ n }: { n: number }) => {
          done.push(n);
          if (done.length === JOBS) allDone();
          return Promise.resolve();
        },
      },
    };
    queue = new JobQueue<Probe>({ url, log: pino({ level: 'silent' }), pollIntervalMs: POLL_MS });
    queue.define(specs);
    await queue.start({ work: false });
    for (let n = 0; n < JOBS; n++) await queue.send('probe.count', { n });
    await queue.stop();

    // One worker, eight jobs waiting: one job per poll interval would take 14 s and more.
    queue = new JobQueue<Probe>({ url, log: pino({ level: 'silent' }), pollIntervalMs: POLL_MS });
    queue.define(specs);
    const started = Date.now();
    await queue.start({ work: true });
    await finished;
    expect(done.sort((a, b) => a - b)).toEqual([...Array(JOBS).keys()]);
    expect(Date.now() - started).toBeLessThan(3 * POLL_MS);
  }, 30_000);
});
