import { vi } from 'vitest';
import { createApi, type Api, type Me } from '@/api';
import type { paths } from '@/api/schema';

export const ORIGIN = 'http://veza.test';

declare const answered: unique symbol;
/** What a fake answers: a status and, for a problem, its code (null for any other body). */
type Reply = { status: number; code: string | null };
/** A fake answer that knows what it says, so a route table can only answer what the operation declares. */
export type Answer<R extends Reply> = Response & { readonly [answered]: R };

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** "/api/v1/tracks/{id}" as the URLs it matches: `/api/v1/tracks/${string}`. */
type Concrete<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${Concrete<Tail>}`
  : P;
/** One declared response as a Reply: a problem with one of the codes the document lists, or any other body. */
type ReplyOf<S, Response> = Response extends { content: { 'application/problem+json': { code: infer C } } }
  ? { status: S; code: C }
  : { status: S; code: null };
type DeclaredReply<Op> = Op extends { responses: infer R }
  ? { [S in Extract<keyof R, number>]: ReplyOf<S, R[S]> }[Extract<keyof R, number>]
  : never;
/** Every operation of the generated document, as the "METHOD /path" key of a fake and the replies it may give. */
type Operation = {
  [P in keyof paths]: {
    [M in Method]: paths[P][M] extends { responses: object }
      ? { key: `${Uppercase<M>} ${Concrete<P>}`; reply: DeclaredReply<paths[P][M]> }
      : never;
  }[Method];
}[keyof paths];

type Handler<R extends Reply> = (request: Request) => Answer<R> | Promise<Answer<R>>;

/**
 * A fake server's routes, typed by the API document: a key that is no
 * operation, or a handler answering a status or a problem code its operation
 * does not declare, does not compile.
 */
export type FakeRoutes = { [Op in Operation as Op['key']]?: Handler<Op['reply']> };

type ReplyAt<K extends string> = Operation extends infer Op
  ? Op extends { key: infer Key extends string; reply: infer R extends Reply }
    ? K extends Key
      ? R
      : never
    : never
  : never;

/** One route whose URL is computed (`GET /api/v1/tracks/${id}`), typed as a literal key is: spread it into a table. */
export function route<K extends Operation['key']>(key: K, handler: Handler<ReplyAt<K>>): FakeRoutes {
  return { [key]: handler } as FakeRoutes;
}

/** Any body with a status and headers, e.g. an event stream. */
export function answer<S extends number>(status: S, body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Response(body, { status, headers }) as Answer<{ status: S; code: null }>;
}

export function json<S extends number>(status: S, body: unknown, headers: Record<string, string> = {}) {
  return answer(status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}

export function problem<S extends number, C extends string>(
  status: S,
  code: C,
  extra: { title?: string; detail?: string; errors?: { path: string; message: string }[] } = {},
  headers: Record<string, string> = {},
): Answer<{ status: S; code: C }> {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: extra.title ?? code, status, code, requestId: 'req-1', ...extra }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  ) as Answer<{ status: S; code: C }>;
}

export const noContent = () => answer(204, null);

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
    followerCount: 0,
    followingCount: 0,
    likesPublic: true,
    ...overrides,
  };
}

/**
 * A fetch that answers "METHOD /path" from a table, records every request,
 * and answers 404 for anything unexpected (so a wrong URL fails the test).
 */
export function fakeServer(routes: FakeRoutes) {
  const requests: Request[] = [];
  const table: Partial<Record<string, Handler<Reply>>> = routes;
  const fetch = vi.fn(async (request: Request): Promise<Response> => {
    requests.push(request.clone());
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = table[key];
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
