import path from 'node:path';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { REPO_ROOT } from '@/config';
import type { Container } from '@/container';
import { bearerCredentials } from '@/modules/auth/auth.credentials';
import { secureCookies } from '@/modules/auth/auth.module';
import { sessionCsrf } from '@/modules/auth/auth.routes';
import { registerAccessControl } from '@/platform/http/access';
import { registerFrontDoor } from '@/platform/http/front-door';
import { closingFlag, serverWithFirstLook, type FirstLook } from '@/platform/http/http-server';
import { registerHealthRoutes } from '@/platform/http/health';
import { OneLineRequestLog } from '@/platform/http/request-log';
import { fastifyTrustProxy } from '@/platform/http/trust-proxy';
import { registerOpenApi } from '@/platform/http/openapi';
import { frameworkErrors, registerErrorHandling } from '@/platform/http/problem';
import { requestLogger } from '@/platform/http/request-logger';
import { requestIdFrom } from '@/platform/http/request-id';
import { registerJsonParser, registerValidation } from '@/platform/http/validation';
import { registerWebApp, wantsSpa } from '@/platform/http/web-app';
import { webPageMeta } from '@/web-page-meta';
import { registerHttpMetrics } from '@/platform/metrics/metrics';

export const WEB_DIST = path.join(REPO_ROOT, 'apps/web/dist');

export interface AppOptions {
  /** Serve the built web app (off in most tests). */
  web?: boolean;
}

/** Builds the HTTP app from a container: platform hooks first, then each module's routes. */
export async function buildApp(c: Container, opts: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = c;
  // Typed as Fastify's logger so the instance keeps the default type every module registers on.
  const logger: FastifyBaseLogger = c.log;
  const server: { firstLook?: FirstLook } = {};
  const app = Fastify({
    serverFactory: serverWithFirstLook(server),
    loggerInstance: logger,
    logController: new OneLineRequestLog(),
    genReqId: requestIdFrom,
    childLoggerFactory: requestLogger,
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Refused by the front door, in the problem shape.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false } },
  });

  const closing = closingFlag(app);
  const https = config.publicUrl.startsWith('https://');
  registerFrontDoor(app, { https, closing });
  registerValidation(app);
  registerJsonParser(app);
  const pageMeta = webPageMeta({ ...c.services, publicUrl: config.publicUrl });
  const sendPage = opts.web ? await registerWebApp(app, WEB_DIST, { https, pageMeta }) : undefined;
  registerErrorHandling(app, {
    enforceDeclared: config.env === 'test',
    fallback: (req, reply) => (sendPage && wantsSpa(req) ? sendPage(req, reply) : undefined),
  });
  const routeMetrics = registerHttpMetrics(app, c.metrics);

  await registerOpenApi(app, { publicUrl: config.publicUrl, https });
  registerHealthRoutes(app, {
    ready: () => c.ready(),
    registry: c.metrics.registry,
    metricsToken: config.http.metricsToken,
  });
  if (config.roles.has('api')) await app.register((api) => registerApi(api, c));
  // HLS delivery in its own context: the token in the URL is its only credential, so none of the API's hooks.
  if (config.roles.has('stream')) {
    for (const module of c.modules) {
      const stream = module.stream;
      if (!stream) continue;
      await app.register(async (scope) =>
        stream({ app: scope, routeMetrics, closing, answerFirst: (look) => (server.firstLook = look) }),
      );
    }
  }
  return app;
}

/**
 * The API in its own encapsulated context: CORS and access control run for
 * API routes only, not for probes, scrapes or the web app's files, which
 * need none of them. Each module registers its routes in it, in list order.
 */
async function registerApi(api: FastifyInstance, c: Container): Promise<void> {
  const { config } = c;
  const allowedOrigins = new Set(config.http.corsOrigins);
  await api.register(cors, {
    // Requests without an Origin (same-origin navigations, curl) need no CORS headers at all.
    origin: (origin, cb) => cb(null, origin !== undefined && allowedOrigins.has(origin)),
    credentials: true,
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  registerAccessControl(api, {
    resolvers: [bearerCredentials(c.services.auth)],
    csrf: sessionCsrf(config.http.corsOrigins, { secureCookies: secureCookies(config.publicUrl) }),
  });
  for (const module of c.modules) await module.api?.(api);
}
