import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, sessionFrom, TEST_PASSWORD, type Session } from '../../../test/app';

const DAY = 86_400_000;
const t = await createTestApp({ SESSION_MAX_AGE: '3d', REFRESH_TOKEN_TTL: '2d' });
const { app, given, clock } = t;

const me = (session: Pick<Session, 'auth'>) => app.inject({ url: '/api/v1/me', headers: session.auth });
const withCookies = (session: Session) => ({
  cookies: { veza_refresh: session.refresh, veza_csrf: session.csrf },
  headers: { 'x-csrf-token': session.csrf },
});
const refresh = (session: Session) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/refresh', ...withCookies(session) });

function claims(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

async function familyOf(refreshToken: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const row = await t.c.db
    .selectFrom('refresh_tokens')
    .select('family_id')
    .where('token_hash', '=', createHash('sha256').update(refreshToken).digest('base64url'))
    .executeTakeFirstOrThrow();
  return row.family_id;
}

describe('access tokens end with their session, on the next request', () => {
  it('carry the session (refresh family) id', async () => {
    const session = await given.session(await given.user());
    expect(claims(session.accessToken).sid).toBe(await familyOf(session.refresh));
  });

  it('logout', async () => {
    const user = await given.user();
    const session = await given.session(user);
    const other = await given.session(user);
    expect((await me(session)).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', ...withCookies(session) });
    expect(out.statusCode).toBe(204);
    expectProblem(await me(session), 401, 'TOKEN_REVOKED');
    expect((await me(other)).statusCode).toBe(200);
  });

  it('password change: the other sessions end, this one goes on', async () => {
    const user = await given.user();
    const current = await given.session(user);
    const other = await given.session(user);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/change',
      headers: current.auth,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'the next password' },
    });
    expect(res.statusCode).toBe(204);
    expectProblem(await me(other), 401, 'TOKEN_REVOKED');
    expect((await me(current)).statusCode).toBe(200);
  });

  it('password reset: every session ends, a new login works', async () => {
    const user = await given.user();
    const sessions = [await given.session(user), await given.session(user)];
    await app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: user.email } });
    const token = /token=([A-Za-z0-9_-]+)/.exec((await t.lastMailTo(user.email)).text)?.[1];
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token, password: 'brand new password' },
    });
    expect(reset.statusCode).toBe(204);
    for (const session of sessions) expectProblem(await me(session), 401, 'TOKEN_REVOKED');
    clock.advance(1);
    expect((await me(await given.session(user, 'brand new password'))).statusCode).toBe(200);
  });

  it('role change: tokens with the old role fail, a refresh carries the new one', async () => {
    const user = await given.user({ role: 'listener' });
    const session = await given.session(user);
    const promoted = await app.inject({ method: 'POST', url: '/api/v1/me/become-artist', headers: session.auth });
    expect(promoted.json()).toMatchObject({ role: 'artist' });
    expectProblem(await me(session), 401, 'TOKEN_REVOKED');
    clock.advance(1);
    const refreshed = await refresh(session);
    expect(refreshed.statusCode).toBe(200);
    const next = sessionFrom(refreshed);
    expect(claims(next.accessToken).role).toBe('artist');
    expect((await me(next)).statusCode).toBe(200);
  });

  it('refresh-token reuse: the thief and the owner both lose the session', async () => {
    const first = await given.session(await given.user());
    clock.advance(1);
    const second = sessionFrom(await refresh(first));
    expect((await me(second)).statusCode).toBe(200);
    expectProblem(await refresh(first), 401, 'INVALID_SESSION');
    expectProblem(await me(second), 401, 'TOKEN_REVOKED');
  });

  it('is checked against the shared store, not a copy in this process', async () => {
    const user = await given.user();
    const session = await given.session(user);
    // Another process revoking is a row in the shared table: this process sees it on the next request.
    await t.c.db
      .insertInto('access_revocations')
      .values({
        subject: `user:${user.id}`,
        revoked_before: new Date(clock.now().getTime() + 1),
        expires_at: new Date(clock.now().getTime() + DAY),
      })
      .execute();
    expectProblem(await me(session), 401, 'TOKEN_REVOKED');
  });

  it('keeps the revocation set small: entries go once their tokens have expired', async () => {
    const session = await given.session(await given.user());
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', ...withCookies(session) });
    const count = async () =>
      (
        await t.c.db
          .selectFrom('access_revocations')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .where('subject', '=', `session:${claims(session.accessToken).sid as string}`)
          .executeTakeFirstOrThrow()
      ).n;
    await t.c.jobs.runOnce('auth.purge-expired-tokens', {});
    expect(Number(await count())).toBe(1);
    clock.advance(20 * 60_000);
    await t.c.jobs.runOnce('auth.purge-expired-tokens', {});
    clock.advance(-20 * 60_000);
    expect(Number(await count())).toBe(0);
  });
});

describe('a session has an absolute lifetime (SESSION_MAX_AGE)', () => {
  it('refreshing works until it, then answers 401 SESSION_EXPIRED and clears the cookies', async () => {
    const start = clock.now().getTime();
    let session = await given.session(await given.user());
    const cookieExpiry = async (s: Session) => {
      const res = await refresh(s);
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'veza_refresh');
      return { next: sessionFrom(res), expires: cookie?.expires?.getTime() ?? 0 };
    };
    clock.advance(1.5 * DAY);
    const first = await cookieExpiry(session);
    // Never past the session's end, even though REFRESH_TOKEN_TTL would allow it.
    expect(first.expires).toBeLessThanOrEqual(start + 3 * DAY);
    session = first.next;
    clock.advance(1.5 * DAY - 1);
    session = (await cookieExpiry(session)).next;

    clock.advance(1);
    const ended = await refresh(session);
    expectProblem(ended, 401, 'SESSION_EXPIRED');
    expect(ended.cookies.find((c) => c.name === 'veza_refresh')?.value).toBe('');
    expectProblem(await me(session), 401, 'TOKEN_REVOKED');
    clock.set(new Date(start));
  });
});
