import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { closingFlag, serverWithFirstLook, type FirstLook } from './http-server';

describe('a server with a first look', () => {
  it('lets the first look answer or pass on, and keeps the timeouts Fastify would set', async () => {
    const slot: { firstLook?: FirstLook } = {};
    const app = Fastify({ serverFactory: serverWithFirstLook(slot), keepAliveTimeout: 5000, requestTimeout: 7000 });
    app.get('/*', async (req) => ({ from: 'fastify', url: req.url }));
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      expect(await (await fetch(`${base}/a`)).json()).toEqual({ from: 'fastify', url: '/a' }); // none set yet
      slot.firstLook = (req, res) => {
        if (req.url !== '/fast') return false;
        res.end('first look');
        return true;
      };
      expect(await (await fetch(`${base}/fast`)).text()).toBe('first look');
      expect(await (await fetch(`${base}/slow`)).json()).toEqual({ from: 'fastify', url: '/slow' });
      expect(app.server.keepAliveTimeout).toBe(5000);
      expect(app.server.requestTimeout).toBe(7000);
    } finally {
      await app.close();
    }
  });

  it('knows when the app begins closing', async () => {
    const app = Fastify();
    const closing = closingFlag(app);
    await app.ready();
    expect(closing()).toBe(false);
    await app.close();
    expect(closing()).toBe(true);
  });
});
