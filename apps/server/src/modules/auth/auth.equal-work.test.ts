import { describe, expect, it, vi } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import * as passwords from './auth.passwords';

// Counts the expensive step (argon2) without changing it.
vi.mock('./auth.passwords', async (importOriginal) => {
  const real = await importOriginal<typeof passwords>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});
const hashPassword = vi.mocked(passwords.hashPassword);

const t = await createTestApp();
const { app, given } = t;

const outboxSize = async () =>
  Number(
    (
      await t.c.db
        .selectFrom('mail_outbox')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('auth endpoints do the same work whatever the account', () => {
  it('password reset refuses an unknown token before any password hashing', async () => {
    hashPassword.mockClear();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token: 'not-a-token-anyone-was-sent', password: 'brand new password' },
    });
    expectProblem(res, 400, 'INVALID_TOKEN');
    expect(hashPassword).not.toHaveBeenCalled();
  });

  it('signup hashes the password once whether or not the e-mail is taken', async () => {
    const owner = await given.user();
    const signup = (email: string, username: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, username, password: 'a long enough password' },
      });
    hashPassword.mockClear();
    expect((await signup('fresh.one@example.test', 'fresh_one')).statusCode).toBe(201);
    expect(hashPassword).toHaveBeenCalledTimes(1);
    hashPassword.mockClear();
    expect((await signup(owner.email, 'fresh_two')).statusCode).toBe(201);
    expect(hashPassword).toHaveBeenCalledTimes(1);
  });

  it('forgot-password only queues one job, the same for a known and an unknown address', async () => {
    const user = await given.user();
    // As in production: the queue runs (this process does not work it, so the jobs wait).
    await t.c.jobs.start({ work: false });
    const send = vi.spyOn(t.c.jobs, 'send');
    const lookup = vi.spyOn(t.c.services.users, 'findByEmail');
    const mailsBefore = await outboxSize();

    const forgot = (email: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } });
    const known = await forgot(user.email);
    const unknown = await forgot('ghost@example.test');

    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(send.mock.calls).toEqual([
      ['auth.send-password-reset', { email: user.email }],
      ['auth.send-password-reset', { email: 'ghost@example.test' }],
    ]);
    // Neither answer looked the account up or wrote a mail: that is the job's work.
    expect(lookup).not.toHaveBeenCalled();
    expect(await outboxSize()).toBe(mailsBefore);

    const queued = [...send.mock.calls];
    for (const [name, data] of queued) await t.c.jobs.runOnce(name, data);
    expect((await t.lastMailTo(user.email)).subject).toMatch(/reset/i);
    expect(await outboxSize()).toBe(mailsBefore + 1);
  });
});
