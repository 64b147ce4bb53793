import path from 'node:path';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { REPO_ROOT } from '@/config';
import type { Container } from '@/container';
import { bearerCredentials } from '@/modules/auth/auth.credentials';
import { checkCsrf, registerAuthRoutes } from '@/modules/auth/auth.routes';
import { registerDevRoutes } from '@/modules/dev/dev.routes';
import { registerStreamDeliveryRoutes, registerStreamingApiRoutes } from '@/modules/streaming/streaming.routes';
import { createStreamingService, type StreamingService } from '@/modules/streaming/streaming.service';
import { segmentFastPath } from '@/modules/streaming/segment-fast-path';
import { registerPlaysRoutes } from '@/modules/plays/plays.routes';
import { registerTusUploads } from '@/modules/tracks/tus-uploads';
import { registerTracksRoutes } from '@/modules/tracks/tracks.routes';
import { registerUsersRoutes } from '@/modules/users/users.routes';
import { registerAccessControl } from '@/platform/http/access';
import { registerFrontDoor, securityHeaders } from '@/platform/http/front-door';
import { closingFlag, serverWithFirstLook, type FirstLook } from '@/platform/http/http-server';
import { registerHealthRoutes } from '@/platform/http/health';
import { OneLineRequestLog } from '@/platform/http/request-log';
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
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false } },
  });

  const https = config.publicUrl.startsWith('https://');
  registerFrontDoor(app, { https });
  registerValidation(app);
  registerJsonParser(app);
  const pageMeta = webPageMeta({ ...c.services, publicUrl: config.publicUrl });
  const sendPage = opts.web ? await registerWebApp(app, WEB_DIST, { https, pageMeta }) : undefined;
  registerErrorHandling(app, {
    fallback: (req, reply) => (sendPage && wantsSpa(req) ? sendPage(req, reply) : undefined),
  });
  const routeMetrics = registerHttpMetrics(app, c.metrics);

  await registerOpenApi(app, { publicUrl: config.publicUrl, https });
  registerHealthRoutes(app, {
    ready: () => c.ready(),
    registry: c.metrics.registry,
    metricsToken: config.http.metricsToken,
  });
  // One service for both contexts: the token key is derived, and the segment cache sized, once.
  const streaming = createStreamingService(c);
  if (config.roles.has('api')) await app.register((api) => registerApi(api, c, streaming));
  // HLS delivery in its own context: the token in the URL is its only credential, so none of the API's hooks.
  if (config.roles.has('stream')) {
    await app.register(async (stream) => registerStreamDeliveryRoutes(stream, { streaming, events: c.events }));
    // Hot segments are answered before Fastify: the framework cost more than the work (benchmark H).
    server.firstLook = segmentFastPath({
      streaming,
      securityHeaders: securityHeaders({ https }),
      requestId: requestIdFrom,
      metrics: routeMetrics,
      closing: closingFlag(app),
    });
  }
  return app;
}

/**
 * The API in its own encapsulated context: CORS and access control run for
 * API routes only, not for probes, scrapes or the web app's files, which
 * need none of them; cookies and multipart are narrower still.
 */
async function registerApi(api: FastifyInstance, c: Container, streaming: StreamingService): Promise<void> {
  const { config } = c;
  const allowedOrigins = new Set(config.http.corsOrigins);
  await api.register(cors, {
    // Requests without an Origin (same-origin navigations, curl) need no CORS headers at all.
    origin: (origin, cb) => cb(null, origin !== undefined && allowedOrigins.has(origin)),
    credentials: true,
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
  });

  const { auth, users } = c.services;
  registerAccessControl(api, { resolvers: [bearerCredentials(auth)], checkCsrf: checkCsrf(config.http.corsOrigins) });
  // Only the auth routes read or set cookies: parsing them for every API call would be wasted work.
  await api.register(async (withCookies) => {
    await withCookies.register(cookie);
    registerAuthRoutes(withCookies, { auth, secureCookies: !isLocalHttp(config.publicUrl) });
  });
  await registerUsersRoutes(api, { users });
  await registerTracksRoutes(api, {
    tracks: c.services.tracks,
    events: c.events,
    maxUploadBytes: config.tracks.maxUploadBytes,
  });
  registerPlaysRoutes(api, { plays: c.services.plays });
  await api.register(async (scope) =>
    registerTusUploads(scope, {
      tracks: c.services.tracks,
      store: c.resumableUploads,
      maxUploadBytes: config.tracks.maxUploadBytes,
      trustProxy: config.trustProxy,
    }),
  );
  registerStreamingApiRoutes(api, { streaming });
  if (!config.isProduction) await registerDevRoutes(api, { db: c.db });
}

function isLocalHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}
