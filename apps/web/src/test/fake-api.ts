import { vi } from 'vitest';
import { createApi, type Api, type Me } from '@/api';

export const ORIGIN = 'http://veza.test';

type Handler = (request: Request) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(
  status: number,
  code: string,
  extra: { title?: string; detail?: string; errors?: { path: string; message: string }[] } = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: extra.title ?? code, status, code, requestId: 'req-1', ...extra }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

export const noContent = () => new Response(null, { status: 204 });

export function aMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '7b0c7c1e-1f7e-4a55-9a3e-5d1b2f0c9a11',
    email: 'ada@example.com',
    username: 'ada',
    displayName: 'Ada Lovelace',
    bio: null,
    links: [],
    avatarUrl: null,
    role: 'listener',
    emailVerified: true,
    createdAt: '2024-03-05T10:00:00.000Z',
    ...overrides,
  };
}

/**
 * A fetch that answers "METHOD /path" from a table, records every request,
 * and answers 404 for anything unexpected (so a wrong URL fails the test).
 */
export function fakeServer(routes: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request.clone());
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = routes[key];
    return handler ? handler(request) : problem(404, 'NO_SUCH_ROUTE', { title: `No fake for ${key}` });
  });
  const calls = (key: string) => requests.filter((r) => `${r.method} ${new URL(r.url).pathname}` === key);
  return { fetch, requests, calls };
}

export function testApi(server: { fetch: (request: Request) => Promise<Response> }, csrf = 'csrf-123'): Api {
  return createApi({
    baseUrl: ORIGIN,
    fetch: server.fetch,
    readCookie: (name) => (name === 'veza_csrf' ? csrf : undefined),
  });
}
