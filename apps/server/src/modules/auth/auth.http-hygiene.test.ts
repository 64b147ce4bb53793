import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';

// Served over HTTPS, as in production: cookies are Secure, so the CSRF cookie can take the __Host- prefix.
const { app, given } = await createTestApp({ PUBLIC_URL: 'https://veza.example' });

describe('cookies over HTTPS', () => {
  it('names the CSRF cookie __Host- (Secure, Path=/, no Domain) and accepts it back', async () => {
    const user = await given.user();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: user.username, password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const csrf = login.cookies.find((c) => c.name === '__Host-veza_csrf');
    expect(csrf).toMatchObject({ secure: true, path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.domain).toBeUndefined();
    expect(login.cookies.find((c) => c.name === 'veza_csrf')).toBeUndefined();
    // The refresh cookie is scoped to the auth routes, which __Host- forbids; it stays Secure and httpOnly.
    const refreshCookie = login.cookies.find((c) => c.name === 'veza_refresh');
    expect(refreshCookie).toMatchObject({ secure: true, httpOnly: true, path: '/api/v1/auth' });

    const refresh = (cookieName: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        cookies: { veza_refresh: refreshCookie?.value ?? '', [cookieName]: csrf?.value ?? '' },
        headers: { 'x-csrf-token': csrf?.value ?? '' },
      });
    // The unprefixed name is what a sibling subdomain could plant: not accepted here.
    expectProblem(await refresh('veza_csrf'), 403, 'CSRF_REJECTED');
    const rotated = await refresh('__Host-veza_csrf');
    expect(rotated.statusCode).toBe(200);

    const next = rotated.cookies.find((c) => c.name === '__Host-veza_csrf');
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: {
        veza_refresh: rotated.cookies.find((c) => c.name === 'veza_refresh')?.value ?? '',
        '__Host-veza_csrf': next?.value ?? '',
      },
      headers: { 'x-csrf-token': next?.value ?? '' },
    });
    expect(out.statusCode).toBe(204);
    // Clearing a __Host- cookie needs the same attributes, Secure included, or the browser ignores it.
    expect(out.cookies.find((c) => c.name === '__Host-veza_csrf')).toMatchObject({
      value: '',
      secure: true,
      path: '/',
    });
  });
});

describe('Cache-Control on authenticated answers', () => {
  it('is no-store for JSON answered to a request with credentials, errors included', async () => {
    const session = await given.session(await given.user());
    const me = await app.inject({ url: '/api/v1/me', headers: session.auth });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const missing = await app.inject({
      url: '/api/v1/tracks/00000000-0000-4000-8000-000000000000',
      headers: session.auth,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('is no-store for the answers that hand out a session', async () => {
    const user = await given.user();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: user.username, password: 'correct horse battery' },
    });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('leaves anonymous answers alone', async () => {
    const user = await given.user();
    const profile = await app.inject({ url: `/api/v1/users/${user.username}` });
    expect(profile.statusCode).toBe(200);
    expect(profile.headers['cache-control']).toBeUndefined();
  });
});
