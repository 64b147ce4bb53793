import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAccessControl, type CredentialResolver } from './access';
import { Unauthorized } from './errors';
import { registerErrorHandling } from './problem';

/** A stand-in credential: `Authorization: Test <role>` (the real bearer resolver is tested in auth). */
const testCredentials: CredentialResolver = {
  name: 'test',
  refusals: { 401: ['INVALID_TOKEN'] },
  present: (req) => req.headers.authorization !== undefined,
  async resolve(req) {
    const role = /^Test (listener|artist|moderator|admin)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!role) throw new Unauthorized('INVALID_TOKEN', 'Invalid token');
    return { userId: '00000000-0000-0000-0000-000000000001', role: role as 'admin', via: 'bearer' };
  },
};

async function appWith(routes: (app: FastifyInstance) => void) {
  const app = Fastify();
  registerErrorHandling(app);
  registerAccessControl(app, {
    resolvers: [testCredentials],
    csrf: {
      check: (req) => {
        if (req.headers['x-csrf-token'] !== 'ok') throw new Unauthorized('CSRF', 'csrf');
      },
      refusals: { 401: ['CSRF'] },
    },
  });
  routes(app);
  await app.ready();
  return app;
}

describe('access control', () => {
  it('refuses to boot when an API route does not declare who may call it', async () => {
    await expect(appWith((app) => app.get('/api/v1/forgotten', () => 'x'))).rejects.toThrow(
      /does not declare config.access/,
    );
  });

  it('enforces public, user and role access', async () => {
    const app = await appWith((app) => {
      app.get('/api/v1/open', { config: { access: 'public' } }, (req) => ({ who: req.principal?.role ?? null }));
      app.get('/api/v1/mine', { config: { access: 'user' } }, (req) => ({ who: req.principal?.role }));
      app.get('/api/v1/mod', { config: { access: { roles: ['moderator', 'admin'] } } }, () => ({ ok: true }));
      app.post('/api/v1/session', { config: { access: 'session' } }, () => ({ ok: true }));
    });
    const get = (url: string, role?: string) =>
      app.inject({ url, headers: role ? { authorization: `Test ${role}` } : {} });

    expect((await get('/api/v1/open')).json()).toEqual({ who: null });
    expect((await get('/api/v1/open', 'artist')).json()).toEqual({ who: 'artist' });
    // A broken credential does not lock anyone out of public pages.
    expect((await get('/api/v1/open', 'bogus')).json()).toEqual({ who: null });

    expect((await get('/api/v1/mine')).statusCode).toBe(401);
    expect((await get('/api/v1/mine', 'bogus')).statusCode).toBe(401);
    expect((await get('/api/v1/mine', 'listener')).json()).toEqual({ who: 'listener' });

    expect((await get('/api/v1/mod', 'listener')).statusCode).toBe(403);
    expect((await get('/api/v1/mod', 'moderator')).statusCode).toBe(200);
    expect((await get('/api/v1/mod', 'admin')).statusCode).toBe(200);

    expect((await app.inject({ method: 'POST', url: '/api/v1/session' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-csrf-token': 'ok' } })).statusCode,
    ).toBe(200);
  });
});
