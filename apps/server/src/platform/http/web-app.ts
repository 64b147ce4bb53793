import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { documentHeaders } from './front-door';

const API_PREFIXES = ['/api/', '/docs', '/stream/', '/healthz', '/readyz', '/metrics'];

/**
 * Serves the built single-page app. Unknown non-API GETs that want HTML get
 * index.html so client-side routes survive a reload.
 */
export async function registerWebApp(
  app: FastifyInstance,
  distDir: string,
  opts: { https: boolean },
): Promise<((reply: FastifyReply) => FastifyReply) | undefined> {
  if (!existsSync(path.join(distDir, 'index.html'))) return undefined;
  const headers = documentHeaders(opts);
  const sendIndex = (reply: FastifyReply) =>
    reply.headers(headers).header('cache-control', 'no-cache').sendFile('index.html');
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
  return sendIndex;
}

export function wantsSpa(req: FastifyRequest): boolean {
  return (
    req.method === 'GET' &&
    !API_PREFIXES.some((p) => req.url.startsWith(p)) &&
    (req.headers.accept ?? '').includes('text/html')
  );
}
