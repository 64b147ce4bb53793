import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy, type TrustProxy } from '@/config';
import { fastifyTrustProxy } from './trust-proxy';

/** The client address Fastify resolves for a request from `remoteAddress` carrying `forwardedFor`. */
async function clientIp(setting: string, remoteAddress: string, forwardedFor?: string): Promise<string> {
  const parsed = parseTrustProxy(setting);
  if ('problem' in parsed) throw new Error(parsed.problem);
  const app = Fastify({ trustProxy: fastifyTrustProxy(parsed.value satisfies TrustProxy) });
  app.get('/', (req) => ({ ip: req.ip }));
  const res = await app.inject({
    url: '/',
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  await app.close();
  return res.json<{ ip: string }>().ip;
}

describe('TRUST_PROXY as Fastify resolves req.ip', () => {
  it('believes no header without a proxy', async () => {
    expect(await clientIp('false', '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('with a hop count, takes the address that many proxies in', async () => {
    expect(await clientIp('1', '10.0.0.2', '198.51.100.1')).toBe('198.51.100.1');
    // A client adding its own X-Forwarded-For entry does not get past the one proxy.
    expect(await clientIp('1', '10.0.0.2', '6.6.6.6, 198.51.100.1')).toBe('198.51.100.1');
    expect(await clientIp('2', '10.0.0.2', '6.6.6.6, 198.51.100.1, 10.0.0.3')).toBe('198.51.100.1');
  });

  it('with addresses, believes the header from those proxies only', async () => {
    const proxies = '127.0.0.1,10.0.0.0/8';
    expect(await clientIp(proxies, '10.1.2.3', '2001:db8::7')).toBe('2001:db8::7');
    expect(await clientIp(proxies, '10.1.2.3', '198.51.100.1, 10.9.9.9')).toBe('198.51.100.1');
    // Anyone else writing the header is the client themselves.
    expect(await clientIp(proxies, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });
});
