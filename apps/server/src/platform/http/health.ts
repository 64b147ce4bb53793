import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { Unauthorized } from './errors';
import { sendProblem } from './problem';

export interface HealthDeps {
  /** Resolves when the database answers and every migration is applied. */
  ready: () => Promise<boolean>;
  registry: Registry;
  metricsToken: string | undefined;
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const hidden = { hide: true };
  app.get('/healthz', { config: { access: 'public', quietLog: true }, schema: hidden }, () => ({
    status: 'ok',
  }));

  app.get('/readyz', { config: { access: 'public', quietLog: true }, schema: hidden }, async (req, reply) => {
    const ready = await deps.ready().catch((err: unknown) => {
      req.log.warn({ err }, 'readiness check failed');
      return false;
    });
    if (ready) return { status: 'ready' };
    return sendProblem(reply, {
      status: 503,
      code: 'NOT_READY',
      title: 'Not ready',
      detail: 'The database is unreachable or not migrated.',
    });
  });

  const tokenMatches = deps.metricsToken ? bearerMatcher(deps.metricsToken) : () => true;
  app.get('/metrics', { config: { access: 'public', quietLog: true }, schema: hidden }, async (req, reply) => {
    if (!tokenMatches(req.headers.authorization)) {
      throw new Unauthorized('UNAUTHORIZED', 'Authentication required', 'Send the METRICS_TOKEN as a bearer token.');
    }
    reply.type(deps.registry.contentType);
    return deps.registry.metrics();
  });
}

/**
 * Compares `Bearer <token>` in constant time: both sides are hashed to equal
 * length first, so neither the token's length nor its first differing byte
 * shows in the response time.
 */
export function bearerMatcher(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(`Bearer ${token}`);
  return (authorization) => timingSafeEqual(digest(authorization ?? ''), expected);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
