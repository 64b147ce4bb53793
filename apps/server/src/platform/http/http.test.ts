import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '@/app';
import { loadConfig } from '@/config';
import { buildContainer } from '@/container';
import { createTestApp, expectProblem } from '../../../test/app';
import { documentHeaders } from './front-door';

const { app, given } = await createTestApp();

describe('the HTTP platform', () => {
  it('echoes a safe X-Request-Id and generates one otherwise', async () => {
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const unsafe = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = expectProblem(
      await app.inject({ url: '/api/v1/nope', headers: { 'x-request-id': 'trace-1' } }),
      404,
    );
    expect(problem.requestId).toBe('trace-1');
  });

  it('answers 413 to a 2 MiB JSON body, 415 to an unknown content type, 400 to broken JSON', async () => {
    const huge = JSON.stringify({ login: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: huge,
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/xml' },
        payload: '<a/>',
      }),
      415,
    );
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"login":',
      }),
      400,
    );
  });

  it('rejects unknown fields and wrong types instead of dropping or coercing them', async () => {
    const unknown = expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: 'a', password: 'b', admin: true },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.errors).toEqual([{ path: 'body/admin', message: expect.any(String) }]);
    expectProblem(
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 12345, password: 'b' } }),
      400,
    );
  });

  it('sets security headers and allows only configured origins', async () => {
    const res = await app.inject({ url: '/api/v1/users/nobody_here', headers: { origin: 'http://localhost:5173' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const foreign = await app.inject({ url: '/api/v1/users/nobody_here', headers: { origin: 'https://evil.example' } });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/refresh',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-csrf-token',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('x-csrf-token');
  });

  it('gives HTML documents the full policy the web app needs', () => {
    const headers = documentHeaders({ https: true });
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(documentHeaders({ https: false })['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('exposes request histograms by route pattern on /metrics', async () => {
    const user = await given.user();
    await app.inject({ url: `/api/v1/users/${user.username}` });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /veza_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/users\/:username"[^}]*status="200"/,
    );
    expect(res.body).toContain('veza_db_pool_connections');
    expect(res.body).not.toContain(user.username);
  });

  it('is ready only when the database answers and is migrated', async () => {
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });

    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://veza:veza@127.0.0.1:1/nowhere',
      LOG_LEVEL: 'silent',
      VEZA_DATA_DIR: '/tmp/veza-unreachable',
    });
    const c = await buildContainer(config, { log: pino({ level: 'silent' }) });
    const down = await buildApp(c);
    try {
      expectProblem(await down.inject({ url: '/readyz' }), 503, 'NOT_READY');
      // A request needing the database says so, and when to retry, instead of a bare 500.
      const unavailable = await down.inject({ url: '/api/v1/users/someone' });
      expectProblem(unavailable, 503, 'DATABASE_UNAVAILABLE');
      expect(unavailable.headers['retry-after']).toBe('5');
      expect((await down.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await down.close();
      await c.shutdown.shutdown();
    }
  });

  it('serves the OpenAPI document and the docs UI', async () => {
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/v1/auth/login'].post.responses).toHaveProperty('429');
    expect(spec.paths['/api/v1/me'].get.security).toEqual([{ bearerAuth: [] }]);
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('makes /docs readable on a phone, with its inline styles allowed and no development routes', async () => {
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const policy = String(docs.headers['content-security-policy']);
    expect(policy).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(policy).toMatch(/script-src 'self';/);
    // Plain http here: upgrading would break the page on a LAN address.
    expect(policy).not.toContain('upgrade-insecure-requests');
    // The rest of the server keeps the strict policy.
    expect((await app.inject({ url: '/healthz' })).headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const spec = (await app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths).filter((p) => p.startsWith('/api/v1/dev/'))).toEqual([]);
  });
});
