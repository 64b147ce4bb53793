import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { ServerClosing } from './graceful-close';
import { nulRejected } from './validation';

/**
 * What every request gets before routing, in one hook: its request id
 * echoed, security headers, a refusal once the server is closing, and a
 * refusal of NUL characters in the URL (Postgres text cannot hold them and
 * no legitimate URL needs one).
 *
 * Most responses are JSON or media, for which the OWASP REST Security Cheat
 * Sheet's short set is the right one: nothing may be framed, sniffed or run.
 * HTML documents (the web app's index) get helmet's full set instead, see
 * `documentHeaders`.
 */
export function registerFrontDoor(app: FastifyInstance, opts: { https: boolean; closing: () => boolean }): void {
  const headers = securityHeaders(opts);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    reply.headers(headers);
    if (opts.closing()) {
      done(new ServerClosing());
      return;
    }
    if (req.url.includes('%00') || req.url.includes('\u0000')) {
      done(nulRejected('URL'));
      return;
    }
    done();
  });
}

/** The OWASP REST set, for every response but HTML documents (also sent by the segment fast path). */
export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(opts.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Helmet's headers for an HTML document of the web app, computed once. They
 * do not vary by request (no CSP nonces), so running helmet's middleware
 * chain per request (as @fastify/helmet does, rebuilding it each time) would
 * only burn CPU.
 */
export function documentHeaders(opts: { https: boolean }): Record<string, string> {
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Plain-http localhost development must not be upgraded to https.
        upgradeInsecureRequests: opts.https ? [] : null,
      },
    },
    strictTransportSecurity: opts.https,
  };
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  helmet(options)({} as never, recorder, () => undefined);
  return headers;
}
