import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** The spec is generated from route schemas; nothing here is written by hand but the header. */
export async function registerOpenApi(
  app: FastifyInstance,
  opts: { publicUrl: string; https: boolean },
): Promise<void> {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!route.url.startsWith('/api/') || !access || access === 'public') return;
    route.schema = {
      ...route.schema,
      security: access === 'session' ? [{ sessionCookie: [], csrfToken: [] }] : [{ bearerAuth: [] }],
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
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'veza_refresh' },
          csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    hideUntagged: false,
    // Development routes are never mounted in production, so they are no part of the API people read about.
    transform: ({ schema, url }) => ({
      schema: schema?.tags?.includes('development') ? { ...schema, hide: true } : (schema ?? {}),
      url,
    }),
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
