import { describe, expect, it } from 'vitest';
import { createApi } from './client';
import { aMe, answer, fakeServer, json, ORIGIN, problem, testApi } from '@/test/fake-api';

const session = (token: string) => ({ accessToken: token, expiresIn: 900, user: aMe() });

describe('api client auth middleware', () => {
  it('adds the bearer token from memory', async () => {
    const server = fakeServer({ 'GET /api/v1/me': () => json(200, aMe()) });
    const api = testApi(server);
    api.session.start(session('tok-1'));

    await api.client.GET('/api/v1/me');

    expect(server.requests[0]!.headers.get('Authorization')).toBe('Bearer tok-1');
  });

  it('on a 401, refreshes once with the CSRF cookie and retries with the new token', async () => {
    const server = fakeServer({
      'GET /api/v1/me': (req) =>
        req.headers.get('Authorization') === 'Bearer fresh' ? json(200, aMe()) : problem(401, 'TOKEN_EXPIRED'),
      'POST /api/v1/auth/refresh': () => json(200, session('fresh')),
    });
    const api = testApi(server, 'csrf-abc');
    api.session.start(session('stale'));

    const { data, error } = await api.client.GET('/api/v1/me');

    expect(error).toBeUndefined();
    expect(data?.username).toBe('ada');
    expect(server.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/v1/me',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/me',
    ]);
    const refresh = server.calls('POST /api/v1/auth/refresh')[0]!;
    expect(refresh.headers.get('X-CSRF-Token')).toBe('csrf-abc');
    expect(refresh.credentials).toBe('include');
    expect(api.session.getAccessToken()).toBe('fresh');
  });

  it('over HTTPS, echoes the __Host- prefixed CSRF cookie the server sets there', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/refresh': () => json(200, session('fresh')) });
    const cookies: Record<string, string> = { '__Host-veza_csrf': 'csrf-host' };
    const api = createApi({ baseUrl: 'http://veza.test', fetch: server.fetch, readCookie: (name) => cookies[name] });

    await api.session.refresh();

    expect(server.calls('POST /api/v1/auth/refresh')[0]!.headers.get('X-CSRF-Token')).toBe('csrf-host');
  });

  it('replays the original request body on retry', async () => {
    let first = true;
    const server = fakeServer({
      'PATCH /api/v1/me': async (req) => {
        if (first) {
          first = false;
          return problem(401, 'TOKEN_EXPIRED');
        }
        return json(200, aMe((await req.json()) as { bio: string }));
      },
      'POST /api/v1/auth/refresh': () => json(200, session('fresh')),
    });
    const api = testApi(server);
    api.session.start(session('stale'));

    const { data } = await api.client.PATCH('/api/v1/me', { body: { bio: 'Hello' } });

    expect(data?.bio).toBe('Hello');
  });

  it('shares one refresh between concurrent 401s', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = fakeServer({
      'GET /api/v1/me': (req) =>
        req.headers.get('Authorization') === 'Bearer fresh' ? json(200, aMe()) : problem(401, 'TOKEN_EXPIRED'),
      'POST /api/v1/auth/refresh': async () => {
        await gate;
        return json(200, session('fresh'));
      },
    });
    const api = testApi(server);
    api.session.start(session('stale'));

    const all = Promise.all([api.client.GET('/api/v1/me'), api.client.GET('/api/v1/me'), api.client.GET('/api/v1/me')]);
    await new Promise((r) => setTimeout(r, 10));
    release();
    const results = await all;

    expect(results.every((r) => r.data?.username === 'ada')).toBe(true);
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(server.calls('GET /api/v1/me')).toHaveLength(6);
  });

  it('clears the session when the refresh fails, without retrying', async () => {
    const server = fakeServer({
      'GET /api/v1/me': () => problem(401, 'TOKEN_EXPIRED'),
      'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION'),
    });
    const api = testApi(server);
    api.session.start(session('stale'));
    const seen: (string | null)[] = [];
    api.session.onSession((s) => seen.push(s?.accessToken ?? null));

    const { error, response } = await api.client.GET('/api/v1/me');

    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(server.calls('GET /api/v1/me')).toHaveLength(1);
    expect(api.session.getAccessToken()).toBeNull();
    expect(api.session.getSnapshot().status).toBe('signedOut');
    expect(seen).toEqual([null]);
  });

  it('does not refresh on a failed login (401 there means wrong password)', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/login': () => problem(401, 'INVALID_CREDENTIALS') });
    const api = testApi(server);

    const { response } = await api.client.POST('/api/v1/auth/login', { body: { login: 'ada', password: 'nope' } });

    expect(response.status).toBe(401);
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(0);
  });

  it('does not ask the server to restore a session when no session cookie hints at one', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION') });
    const api = createApi({ baseUrl: ORIGIN, fetch: server.fetch, readCookie: () => undefined });

    expect(await api.session.restore()).toBeNull();

    expect(server.requests).toHaveLength(0);
    expect(api.session.getSnapshot()).toEqual({ status: 'signedOut', ended: false });
  });

  it('says a session ended when the server refuses one the cookie promised, until acknowledged', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION') });
    const api = testApi(server);

    await api.session.restore();

    expect(api.session.getSnapshot()).toEqual({ status: 'signedOut', ended: true });
    api.session.acknowledgeEnded();
    expect(api.session.getSnapshot().ended).toBe(false);
  });

  it('a logout is not an ended session, and a new login clears the notice', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () => problem(401, 'INVALID_SESSION'),
      'POST /api/v1/auth/logout': () => answer(204, null),
    });
    const api = testApi(server);
    await api.session.restore();
    api.session.start(session('next'));
    expect(api.session.getSnapshot()).toEqual({ status: 'signedIn', ended: false });

    await api.session.logout();

    expect(api.session.getSnapshot()).toEqual({ status: 'signedOut', ended: false });
  });

  it('restores a session on boot with a single refresh, even if asked twice', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/refresh': () => json(200, session('boot')) });
    const api = testApi(server);

    const [a, b] = await Promise.all([api.session.restore(), api.session.restore()]);

    expect(a?.accessToken).toBe('boot');
    expect(b).toBe(a);
    expect(server.calls('POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(api.session.getSnapshot().status).toBe('signedIn');
  });
});
