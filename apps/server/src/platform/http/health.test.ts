import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { bearerMatcher, registerHealthRoutes } from './health';
import { registerErrorHandling } from './problem';

async function metricsApp(metricsToken: string | undefined) {
  const app = Fastify();
  registerErrorHandling(app);
  registerHealthRoutes(app, { ready: async () => true, registry: new Registry(), metricsToken });
  await app.ready();
  return app;
}

describe('/metrics', () => {
  it('asks for METRICS_TOKEN as a bearer token when one is set', async () => {
    const token = 'scrape-secret-0123456789abcdef';
    const app = await metricsApp(token);
    const status = async (authorization?: string) =>
      (await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} })).statusCode;
    expect(await status()).toBe(401);
    expect(await status('Bearer wrong')).toBe(401);
    expect(await status(`Bearer ${token.slice(0, -1)}X`)).toBe(401);
    expect(await status(`Bearer ${token}x`)).toBe(401);
    expect(await status(token)).toBe(401);
    expect(await status(`Bearer ${token}`)).toBe(200);
    await app.close();

    const open = await metricsApp(undefined);
    expect((await open.inject({ url: '/metrics' })).statusCode).toBe(200);
    await open.close();
  });

  it('compares digests of equal length, whatever the length given', () => {
    const matches = bearerMatcher('t0ken');
    expect(matches('Bearer t0ken')).toBe(true);
    for (const wrong of [undefined, '', 'Bearer t0ke', 'Bearer t0ken ', 'x'.repeat(10_000)])
      expect(matches(wrong)).toBe(false);
  });
});
