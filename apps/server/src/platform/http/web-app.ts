import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { documentHeaders } from './front-door';
import { withPageMeta, type PageMetaSource } from './page-meta';
import { matchWebRoute } from './web-routes';

const API_PREFIXES = ['/api/', '/docs', '/stream/', '/healthz', '/readyz', '/metrics'];

export type SendPage = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/**
 * Serves the built single-page app. A GET that wants HTML gets index.html
 * so client-side routes survive a reload: with 200 and, on shareable pages,
 * their preview tags; with 404 when no route of the app matches (the app
 * then shows its not-found page).
 */
export async function registerWebApp(
  app: FastifyInstance,
  distDir: string,
  opts: { https: boolean; pageMeta?: PageMetaSource },
): Promise<SendPage | undefined> {
  const indexPath = path.join(distDir, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  // Read once: the build does not change under a running server.
  const indexHtml = readFileSync(indexPath, 'utf8');
  const headers = documentHeaders(opts);
  const sendPage: SendPage = async (req, reply) => {
    const match = matchWebRoute(req.url.split('?')[0] ?? '/');
    const meta = match && opts.pageMeta ? await opts.pageMeta(match) : undefined;
    return reply
      .code(match ? 200 : 404)
      .headers(headers)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(meta ? withPageMeta(indexHtml, meta) : indexHtml);
  };
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
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, sendPage);
  return sendPage;
}

export function wantsSpa(req: FastifyRequest): boolean {
  return (
    req.method === 'GET' &&
    !API_PREFIXES.some((p) => req.url.startsWith(p)) &&
    (req.headers.accept ?? '').includes('text/html')
  );
}
