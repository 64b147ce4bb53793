import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@/config';
import { createTestApp } from './app';

/**
 * The web client's types are generated from apps/server/openapi.json; a route
 * change without `npm run api:types` would leave the client lying.
 */
describe('the committed OpenAPI document', () => {
  it('matches the routes (run `npm run api:types` after changing a route)', async () => {
    // `npm run api:types` documents a development server, whose dev mailbox is on.
    const { app } = await createTestApp({ DEV_MAILBOX: 'true' });
    const live = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps/server/openapi.json'), 'utf8'));
    // The server URL depends on PUBLIC_URL; everything else must match.
    expect({ ...committed, servers: undefined }).toEqual({ ...live, servers: undefined });
  });
});
