import { describe, expect, it } from 'vitest';
import type { MailTransport, OutgoingMail } from '@/platform/mail/mail';
import { UnknownJob } from '@/platform/jobs/queue';
import { createTestApp } from '../test/app';

/** A transport that records what the worker hands it. */
const delivered: (OutgoingMail & { id: string })[] = [];
const recording: MailTransport = {
  name: 'recording',
  async send(mail) {
    delivered.push(mail);
  },
  async close() {},
};

const { app, c } = await createTestApp({ JOBS_POLL_INTERVAL: '500ms' }, { mailTransport: recording });
await c.startJobs({ work: true });

describe('the job queue', () => {
  it('delivers a signup mail through the worker without anyone waiting on it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'queued@example.test', username: 'queued_user', password: 'a long enough password' },
    });
    expect(res.statusCode).toBe(201);
    const status = async () =>
      (
        await c.db
          .selectFrom('mail_outbox')
          .select('status')
          .where('to_address', '=', 'queued@example.test')
          .executeTakeFirst()
      )?.status;
    // The row turns 'sent' just after the transport returns: wait for the row, not the transport.
    await expect.poll(status, { timeout: 10_000, interval: 100 }).toBe('sent');
    expect(delivered.map((m) => m.to)).toContain('queued@example.test');
  });

  it('runs a job once from the CLI entry point, and names the known jobs for a typo', async () => {
    await expect(c.jobs.runOnce('auth.purge-expired-tokens', {})).resolves.toBeUndefined();
    await expect(c.jobs.runOnce('auth.purge-expired-tokenz', {})).rejects.toThrow(UnknownJob);
    await expect(c.jobs.runOnce('nope', {})).rejects.toThrow(/mail\.deliver, .*auth\.purge-expired-tokens/);
    await expect(c.jobs.runOnce('tracks.cleanup-orphans', {})).resolves.toBeUndefined();
  });

  it('reports queue depth per queue for /metrics', async () => {
    const depth = await c.jobs.depth();
    expect(Object.keys(depth).sort()).toEqual([
      'auth.purge-expired-tokens',
      'auth.send-password-reset',
      'discover.refresh-trending',
      'events.deliver',
      'events.prune',
      'events.relay',
      'library.playlist-cover',
      'mail.deliver',
      'search.refresh-hot-tier',
      'tracks.cleanup-orphans',
      'tracks.process',
      'tracks.resume-stalled',
    ]);
  });
});
