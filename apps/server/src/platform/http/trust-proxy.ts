import type { TrustProxy } from '@/config';

/**
 * TRUST_PROXY in the form Fastify takes. Fastify 5.12 turns a bare hop
 * count into "trust nobody" (a client that reaches the server directly could
 * otherwise write its own X-Forwarded-For), so a count becomes proxy-addr's
 * classic rule as a function: the first `hops` addresses from the socket
 * inward are proxies. It is only as safe as the network is closed: clients
 * must not reach the server around the proxy (hence addresses are preferred).
 */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
