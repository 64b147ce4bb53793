import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Access } from './access';
import { Problem, withProblems, type ProblemCodes } from './problem';

/** The spec is generated from route schemas; nothing here is written by hand but the header. */
export async function registerOpenApi(
  app: FastifyInstance,
  opts: { publicUrl: string; https: boolean },
): Promise<void> {
  // Every error response refers to it; the document lists it once under components.schemas.
  app.addSchema(Problem);
  // What a route's `config.access` implies for the document is derived here, once, so that it cannot drift
  // from what access control enforces: the security requirement and the refusals every such route can answer.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.schema?.hide) return;
    route.schema = {
      ...route.schema,
      security: securityOf(route.config?.access ?? 'public'),
      response: withProblems(route.schema?.response as object | undefined, platformProblems(route)),
    };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Veza API',
        version: '1.0.0',
        description: 'The Veza music platform API. Errors are RFC 9457 problem details (application/problem+json).',
      },
      servers: [{ url: opts.publicUrl }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'The access token from login or refresh. An operation open to some roles only lists each role as ' +
              'an alternative requirement ({ bearerAuth: [role] }).',
          },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'veza_refresh' },
          csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    hideUntagged: false,
    // Shared schemas under their own names (components.schemas.Problem), not def-0, def-1…
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string | undefined) ?? `def-${i}` },
    transform: ({ schema, url }) => ({ schema: schema ?? {}, url }),
  });
  await app.register(async (docs) => {
    // Swagger UI's page has no viewport tag, so phones lay it out 980 px wide and shrink it.
    docs.addHook('onSend', async (_req, reply, payload) =>
      typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')
        ? payload.replace(
            '<head>',
            `<head>\n      <meta name="viewport" content="width=device-width, initial-scale=1">`,
          )
        : payload,
    );
    await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: docsPolicy(opts) });
  });
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
}

/**
 * OpenAPI 3.1 lets a requirement on a non-OAuth scheme name roles; requirements
 * in the array are alternatives, which is what `roles` means (any one of them).
 */
function securityOf(access: Access): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (access === 'session') return [{ sessionCookie: [], csrfToken: [] }];
  if (access === 'user') return [{ bearerAuth: [] }];
  return access.roles.map((role) => ({ bearerAuth: [role] }));
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refusals that come from the platform rather than the route's own code: any
 * URL can be refused 400 by validation (a NUL, a malformed parameter); a body
 * can be malformed (400), too large (413) or of a type nothing parses (415),
 * whether or not the route reads one; a path parameter longer than the
 * router takes is 414; and a server that is closing, or whose database is
 * down, answers 503. Access control adds its own 401 and 403.
 */
function platformProblems(route: RouteOptions): ProblemCodes {
  const methods = [route.method].flat();
  const body = methods.some((m) => BODY_METHODS.has(m));
  return {
    400: ['VALIDATION_FAILED', 'NUL_CHARACTER', ...(body ? ['MALFORMED_BODY'] : [])],
    ...(route.url.includes(':') ? { 414: ['URI_TOO_LONG'] } : {}),
    ...(body ? { 413: ['PAYLOAD_TOO_LARGE'], 415: ['UNSUPPORTED_MEDIA_TYPE'] } : {}),
    503: ['SERVER_CLOSING', 'DATABASE_UNAVAILABLE'],
  };
}

/**
 * The policy of the /docs pages only (everything else keeps the front
 * door's). Swagger UI is React and styles elements through their style
 * attribute, so inline styles are allowed here; scripts stay same-origin.
 * Requests are upgraded to https only when we serve https: on plain-http
 * development addresses that are not localhost the upgrade would break the
 * page.
 */
export function docsPolicy(opts: { https: boolean }): Record<string, string> {
  return {
    'default-src': "'self'",
    'base-uri': "'self'",
    'connect-src': "'self'",
    'img-src': "'self' data:",
    'object-src': "'none'",
    'script-src': "'self'",
    'script-src-attr': "'none'",
    'style-src': "'self' 'unsafe-inline'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
    ...(opts.https ? { 'upgrade-insecure-requests': '' } : {}),
  };
}
