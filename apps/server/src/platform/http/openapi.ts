import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** The spec is generated from route schemas; nothing here is written by hand but the header. */
export async function registerOpenApi(app: FastifyInstance, opts: { publicUrl: string }): Promise<void> {
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
    transform: ({ schema, url }) => ({ schema: schema ?? {}, url }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
}
