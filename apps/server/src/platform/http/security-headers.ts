import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, with its middleware built once at boot. (@fastify/helmet
 * rebuilds the middleware, CSP parsing included, on every request: about a
 * tenth of a health check's cost.)
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: { https: boolean }): void {
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
  const middleware = helmet(options);
  app.addHook('onRequest', (req, reply, done) => {
    middleware(req.raw, reply.raw, (err) => done(err as Error | undefined));
  });
}
