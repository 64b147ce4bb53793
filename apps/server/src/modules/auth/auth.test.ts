import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, sessionFrom, TEST_PASSWORD, type Session } from '../../../test/app';

const t = await createTestApp();
const { app, given } = t;

function tokenFrom(mailText: string): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(mailText);
  if (!match?.[1]) throw new Error(`no token in mail: ${mailText}`);
  return match[1];
}

function refresh(session: Pick<Session, 'refresh' | 'csrf'>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/refresh',
    cookies: { veza_refresh: session.refresh, veza_csrf: session.csrf },
    headers: { 'x-csrf-token': session.csrf, ...headers },
  });
}

describe('signup and e-mail verification', () => {
  it('creates an unverified account, mails a link, and verifies it once', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'Nina@Example.test', username: 'nina_s', password: 'a long enough password' },
    });
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toMatchObject({
      username: 'nina_s',
      email: 'Nina@Example.test',
      emailVerified: false,
      role: 'listener',
    });
    expect(user).not.toHaveProperty('passwordHash');

    const mail = await t.lastMailTo('nina@example.test');
    expect(mail.subject).toMatch(/confirm/i);
    const token = tokenFrom(mail.text);
    expect(mail.text).toContain(`/verify-email?token=${token}`);

    const verified = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    expect(verified.json()).toEqual({ verified: true, alreadyVerified: false });
    // A second click (or a mail client's preview) finds the address verified: say so, not "invalid".
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    expect(again.json()).toEqual({ verified: true, alreadyVerified: true });
    const forged = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: 'x'.repeat(43) },
    });
    expectProblem(forged, 400, 'INVALID_TOKEN');
    // Durable events, written with the change that caused them.
    const events = await t.c.db
      .selectFrom('event_outbox')
      .select(['name', 'payload'])
      .where(sql<boolean>`payload->>'userId' = ${user.id}`)
      .execute();
    // (user.changed is the users module's: a new account's name is for search to index.)
    expect(events.map((e) => e.name).sort()).toEqual(['user.changed', 'user.email-verified', 'user.signed-up']);

    const session = await given.session({ username: 'nina_s' }, 'a long enough password');
    const me = await app.inject({ url: '/api/v1/me', headers: session.auth });
    expect(me.json()).toMatchObject({ username: 'nina_s', emailVerified: true });
  });

  it('refuses a taken username whatever its case, without saying whether the e-mail is taken', async () => {
    const existing = await given.user();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: existing.email.toUpperCase(),
        username: existing.username.toUpperCase(),
        password: 'a long enough password',
      },
    });
    const body = expectProblem(res, 409, 'ACCOUNT_TAKEN');
    expect(body.errors).toEqual([{ path: 'body/username', message: expect.any(String) }]);
  });

  it('answers a taken e-mail exactly like a new signup, and tells only the owner', async () => {
    const owner = await given.user();
    const signup = (email: string, username: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, username, password: 'a long enough password', displayName: 'Someone' },
      });
    const fresh = await signup('brand.new@example.test', 'brand_new_user');
    const taken = await signup(owner.email.toUpperCase(), 'impostor_user');

    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.statusCode).toBe(201);
    const shape = (body: unknown): unknown =>
      Object.fromEntries(Object.entries(body as object).map(([k, v]) => [k, v === null ? null : typeof v]));
    const takenUser = taken.json<{ user: Record<string, unknown> }>().user;
    const freshUser = fresh.json<{ user: Record<string, unknown> }>().user;
    expect(Object.keys(taken.json())).toEqual(Object.keys(fresh.json()));
    expect(shape(takenUser)).toEqual(shape(freshUser));
    expect(takenUser).toMatchObject({ username: 'impostor_user', emailVerified: false, role: 'listener' });
    expect(takenUser.id).not.toBe(owner.id);

    const warning = await t.lastMailTo(owner.email);
    expect(warning.subject).toMatch(/tried to sign up/i);
    expect(warning.text).toContain('/forgot-password');
    expect(await t.c.services.users.findByLogin('impostor_user')).toBeUndefined();
    // The owner's account is untouched: same password, no new verification link.
    await expect(given.session(owner)).resolves.toBeTruthy();
  });

  it('rejects weak passwords and malformed usernames with field errors', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'x@example.test', username: 'no spaces!', password: 'short' },
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(body.errors)).toMatch(/body\/(username|password)/);
  });
});

describe('login, access and refresh', () => {
  it('logs in by username or e-mail and reads /me with the bearer token', async () => {
    const user = await given.user();
    for (const login of [user.username, user.email.toUpperCase()]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const refreshCookie = res.cookies.find((c) => c.name === 'veza_refresh');
      expect(refreshCookie).toMatchObject({ httpOnly: true, path: '/api/v1/auth', sameSite: 'Lax' });
      const session = sessionFrom(res);
      const me = await app.inject({ url: '/api/v1/me', headers: session.auth });
      expect(me.json()).toMatchObject({ id: user.id, email: user.email });
    }
  });

  it('answers a wrong password and an unknown login identically', async () => {
    const user = await given.user();
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: user.username, password: 'wrong password!' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'nobody_here', password: 'wrong password!' },
    });
    const a = expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
    const b = expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
    expect(a.detail).toBe(b.detail);
  });

  it('requires a valid, unexpired bearer token', async () => {
    expectProblem(await app.inject({ url: '/api/v1/me' }), 401, 'UNAUTHORIZED');
    expectProblem(
      await app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer not.a.jwt' } }),
      401,
      'INVALID_TOKEN',
    );
    const session = await given.session(await given.user());
    t.clock.advance(16 * 60_000);
    expectProblem(await app.inject({ url: '/api/v1/me', headers: session.auth }), 401, 'TOKEN_EXPIRED');
    t.clock.advance(-16 * 60_000);
  });

  it('rotates the refresh token; replaying a rotated one revokes the whole family', async () => {
    const first = await given.session(await given.user());
    const rotated = await refresh(first);
    expect(rotated.statusCode).toBe(200);
    const second = sessionFrom(rotated);
    expect(second.refresh).not.toBe(first.refresh);
    expect((await app.inject({ url: '/api/v1/me', headers: second.auth })).statusCode).toBe(200);

    const replay = await refresh(first);
    expectProblem(replay, 401, 'INVALID_SESSION');
    expectProblem(await refresh({ refresh: second.refresh, csrf: second.csrf }), 401, 'INVALID_SESSION');
  });

  it('refuses a refresh without the CSRF pair, or from another origin', async () => {
    const session = await given.session(await given.user());
    const noHeader = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { veza_refresh: session.refresh, veza_csrf: session.csrf },
    });
    expectProblem(noHeader, 403, 'CSRF_REJECTED');
    // No cookie at all: nothing to protect, just no session.
    expectProblem(await app.inject({ method: 'POST', url: '/api/v1/auth/refresh' }), 401, 'INVALID_SESSION');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expectProblem(await refresh(session, { origin: 'https://evil.example' }), 403, 'CSRF_REJECTED');
    expectProblem(await refresh(session, { 'sec-fetch-site': 'cross-site' }), 403, 'CSRF_REJECTED');
    // A token minted for another session does not verify even when echoed.
    const other = await given.session(await given.user());
    expectProblem(await refresh({ refresh: session.refresh, csrf: other.csrf }), 403, 'CSRF_REJECTED');
    expect((await refresh(session)).statusCode).toBe(200);
  });

  it('allows a same-origin refresh whatever address the page was opened at', async () => {
    // PUBLIC_URL says localhost; the server log prints 127.0.0.1, and people open that.
    const session = await given.session(await given.user());
    const res = await refresh(session, { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' });
    expect(res.statusCode).toBe(200);
    // Same host, another scheme or port, is another origin.
    const next = sessionFrom(res);
    const other = await refresh(next, { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:9999' });
    expectProblem(other, 403, 'CSRF_REJECTED');
  });

  it('logout revokes the session and clears the cookies', async () => {
    const session = await given.session(await given.user());
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { veza_refresh: session.refresh, veza_csrf: session.csrf },
      headers: { 'x-csrf-token': session.csrf },
    });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'veza_refresh')?.value).toBe('');
    expectProblem(await refresh(session), 401, 'INVALID_SESSION');
  });
});

describe('passwords', () => {
  it('forgot-password answers the same for unknown addresses', async () => {
    const user = await given.user();
    const known = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: user.email },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: 'ghost@example.test' },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
  });

  it('resets with the mailed token once, and ends every session', async () => {
    const user = await given.user();
    const session = await given.session(user);
    await app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: user.email } });
    const token = tokenFrom((await t.lastMailTo(user.email)).text);
    const check = () => app.inject({ method: 'POST', url: '/api/v1/auth/password/reset/check', payload: { token } });
    // Checking does not use the link up.
    expect((await check()).json()).toEqual({ valid: true });
    expect((await check()).statusCode).toBe(200);

    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token, password: 'brand new password' },
    });
    expect(reset.statusCode).toBe(204);
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset',
        payload: { token, password: 'another password!' },
      }),
      400,
      'INVALID_TOKEN',
    );
    expectProblem(await check(), 400, 'INVALID_TOKEN');
    expectProblem(await refresh(session), 401, 'INVALID_SESSION');
    await expect(given.session(user)).rejects.toThrow(/401/);
    await expect(given.session(user, 'brand new password')).resolves.toBeTruthy();
  });

  it('an expired reset link is refused', async () => {
    const user = await given.user();
    await app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: user.email } });
    const token = tokenFrom((await t.lastMailTo(user.email)).text);
    t.clock.advance(61 * 60_000);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token, password: 'brand new password' },
    });
    const check = await app.inject({ method: 'POST', url: '/api/v1/auth/password/reset/check', payload: { token } });
    t.clock.advance(-61 * 60_000);
    expectProblem(res, 400, 'INVALID_TOKEN');
    expectProblem(check, 400, 'INVALID_TOKEN');
  });

  it('changing the password keeps this session and ends the others', async () => {
    const user = await given.user();
    const current = await given.session(user);
    const other = await given.session(user);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/change',
      headers: current.auth,
      payload: { currentPassword: 'not my password', newPassword: 'the next password' },
    });
    expectProblem(wrong, 400, 'WRONG_PASSWORD');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/change',
      headers: current.auth,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'the next password' },
    });
    expect(res.statusCode).toBe(204);
    expect((await refresh(current)).statusCode).toBe(200);
    expectProblem(await refresh(other), 401, 'INVALID_SESSION');
    expect((await t.lastMailTo(user.email)).subject).toMatch(/password was changed/);
  });
});

describe('token sweep', () => {
  it('purges tokens a week past expiry and keeps the rest', async () => {
    const user = await given.user();
    await given.session(user);
    const count = () =>
      t.c.db
        .selectFrom('refresh_tokens')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
    expect((await count()).n).toBe(1);
    await t.c.jobs.runOnce('auth.purge-expired-tokens', {});
    expect((await count()).n).toBe(1);
    t.clock.advance(38 * 86_400_000);
    await t.c.jobs.runOnce('auth.purge-expired-tokens', {});
    t.clock.advance(-38 * 86_400_000);
    expect((await count()).n).toBe(0);
  });
});
