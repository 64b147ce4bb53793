import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@/config';
import { createTestApp } from './app';

type Operation = { operationId?: string; security?: Record<string, string[]>[]; responses: Record<string, unknown> };

// With the dev mailbox on, as on a development server: its routes must still stay out of the document.
const { app } = await createTestApp({ DEV_MAILBOX: 'true' });
const live = (await app.inject({ url: '/api/v1/openapi.json' })).json<{
  paths: Record<string, Record<string, Operation>>;
}>();
const operations = Object.entries(live.paths).flatMap(([url, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${url}`, op })),
);

/**
 * The web client's types are generated from apps/server/openapi.json; a route
 * change without `npm run api:types` would leave the client lying.
 */
describe('the committed OpenAPI document', () => {
  it('matches the routes (run `npm run api:types` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps/server/openapi.json'), 'utf8'));
    // The server URL depends on PUBLIC_URL; everything else must match.
    expect({ ...committed, servers: undefined }).toEqual({ ...live, servers: undefined });
  });
});

describe('the OpenAPI document', () => {
  it('names every operation once, in camelCase', () => {
    const ids = operations.map(({ op }) => op.operationId);
    for (const [i, id] of ids.entries()) expect(id, operations[i]!.name).toMatch(/^[a-z][a-zA-Z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("declares each operation's security from its config.access", () => {
    const security = Object.fromEntries(operations.map(({ name, op }) => [name, op.security]));
    // One of each kind of access; the contract test checks that all of them are enforced as declared.
    expect(security['GET /api/v1/tracks']).toEqual([]);
    expect(security['GET /api/v1/me']).toEqual([{ bearerAuth: [] }]);
    expect(security['POST /api/v1/tracks']).toEqual([{ bearerAuth: ['artist'] }, { bearerAuth: ['admin'] }]);
    expect(security['POST /api/v1/auth/refresh']).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    for (const { name, op } of operations) expect(op.security, name).toBeDefined();
  });

  it('leaves the development routes out, though they answer', async () => {
    expect(Object.keys(live.paths).filter((p) => p.startsWith('/api/v1/dev/'))).toEqual([]);
    const res = await app.inject({ url: '/api/v1/dev/mailbox?to=someone@example.test', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
  });
});
