import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const API_PREFIXES = ['/api/', '/docs', '/stream/', '/healthz', '/readyz', '/metrics'];

/**
 * Serves the built single-page app. Unknown non-API GETs that want HTML get
 * index.html so client-side routes survive a reload.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(path.join(distDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      // Vite fingerprints assets, so they never change under one name.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      }
    },
  });
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  return true;
}

export function wantsSpa(req: FastifyRequest): boolean {
  return (
    req.method === 'GET' &&
    !API_PREFIXES.some((p) => req.url.startsWith(p)) &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

export function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
