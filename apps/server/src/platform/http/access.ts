import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UserRole } from '@/platform/db/schema';
import { Forbidden, Unauthorized } from './errors';
import { withProblems, type ProblemCodes } from './problem';

/**
 * Who may call a route. Every route declares one in `config.access`; the
 * server refuses to boot if a route under /api forgets.
 * - public: anyone;
 * - user: any signed-in principal;
 * - roles: a principal with one of these roles;
 * - session: the browser session cookie (refresh, logout), which needs a
 *   CSRF token because browsers attach cookies on their own.
 */
export type Access = 'public' | 'user' | 'session' | { roles: readonly UserRole[] };

export interface Principal {
  userId: string;
  role: UserRole;
  /** Which credential proved it; later issues add 'api-key'. */
  via: 'bearer';
  /** The login session a bearer token was minted for. */
  sessionId?: string;
}

/**
 * Turns a credential on the request into a principal. `present` says,
 * synchronously, whether the request carries this kind of credential at all;
 * `resolve` then returns its principal, or throws Unauthorized when the
 * credential is invalid.
 */
export interface CredentialResolver {
  readonly name: string;
  /** The problems `resolve` may throw, declared on every route that needs a principal. */
  readonly refusals: ProblemCodes;
  present(req: FastifyRequest): boolean;
  resolve(req: FastifyRequest): Promise<Principal>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export interface AccessOptions {
  resolvers: CredentialResolver[];
  /** Validates the CSRF double-submit pair on 'session' routes. */
  csrf: { check: (req: FastifyRequest) => void; refusals: ProblemCodes };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAccessControl(app: FastifyInstance, opts: AccessOptions): void {
  app.decorateRequest('principal', undefined);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access && route.url.startsWith('/api/')) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
    // What access control may answer is part of every documented route's contract.
    if (access && route.schema && !route.schema.hide) {
      for (const codes of refusalsOf(access, opts)) {
        route.schema = { ...route.schema, response: withProblems(route.schema.response as object, codes) };
      }
    }
  });

  // An answer to a request that carried a credential is that user's alone: no shared or browser cache keeps it.
  app.addHook('onSend', (req, reply, payload, done) => {
    const credentialed = req.routeOptions.config.access === 'session' || opts.resolvers.some((r) => r.present(req));
    if (credentialed && !reply.hasHeader('cache-control') && isJson(reply.getHeader('content-type'))) {
      reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });

  // Callback style, not async: an anonymous request (most public traffic) is decided without a promise.
  app.addHook('preHandler', (req, _reply, done) => {
    const access = req.routeOptions.config.access ?? 'public';
    if (access === 'session') {
      try {
        if (UNSAFE.has(req.method)) opts.csrf.check(req);
        done();
      } catch (err) {
        done(err as Error);
      }
      return;
    }
    const resolver = opts.resolvers.find((r) => r.present(req));
    if (!resolver) {
      done(access === 'public' ? undefined : new Unauthorized());
      return;
    }
    resolver.resolve(req).then(
      (principal) => {
        req.principal = principal;
        if (typeof access === 'object' && !access.roles.includes(principal.role)) {
          done(new Forbidden('FORBIDDEN', 'Not allowed', `This action needs the role ${access.roles.join(' or ')}.`));
        } else done();
      },
      // On a public route a stale token must not block what anyone may see.
      (err: unknown) => done(access === 'public' ? undefined : (err as Error)),
    );
  });
}

function refusalsOf(access: Access, opts: AccessOptions): ProblemCodes[] {
  if (access === 'public') return [];
  if (access === 'session') return [opts.csrf.refusals];
  const principal = [{ 401: ['UNAUTHORIZED'] }, ...opts.resolvers.map((r) => r.refusals)];
  return access === 'user' ? principal : [...principal, { 403: ['FORBIDDEN'] }];
}

function isJson(contentType: unknown): boolean {
  return typeof contentType === 'string' && /^application\/(?:[\w.+-]+\+)?json\b/.test(contentType);
}

/** The principal of a route declared non-public; its absence is a wiring bug. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Unauthorized();
  return req.principal;
}
