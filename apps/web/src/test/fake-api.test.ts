import { describe, expect, it } from 'vitest';
import { aMe, fakeServer, json, problem, route, testApi } from './fake-api';

/**
 * The fakes are typed by the API document (apps/web/src/api/schema.d.ts):
 * each `@ts-expect-error` below is a fake the server could never back, and
 * `npm run typecheck` fails the moment one of them compiles.
 */
describe('fake API', () => {
  it('answers only what the document lets an operation answer', async () => {
    const id = '5a0f3c8e-9d7b-4f4e-8a61-2b1c0d9e8f70';
    const server = fakeServer({
      'GET /api/v1/me': () => json(200, aMe()),
      'POST /api/v1/auth/verify-email': () => problem(400, 'INVALID_TOKEN'),
      ...route(`GET /api/v1/tracks/${id}`, () => problem(404, 'TRACK_NOT_FOUND')),
    });
    const api = testApi(server);
    expect((await api.client.GET('/api/v1/me')).response.status).toBe(200);
    const verify = await api.client.POST('/api/v1/auth/verify-email', { body: { token: 'old' } });
    expect(verify.response.status).toBe(400);
    const track = await api.client.GET('/api/v1/tracks/{id}', { params: { path: { id } } });
    expect(track.response.status).toBe(404);
  });

  it('does not compile a status, a problem code, a route or a computed URL the server never answers', () => {
    const id: string = 'any';
    const routes = [
      fakeServer({
        // @ts-expect-error verify-email declares no 410: an expired token is 400 INVALID_TOKEN.
        'POST /api/v1/auth/verify-email': () => problem(410, 'TOKEN_EXPIRED'),
      }),
      fakeServer({
        // @ts-expect-error verify-email's 400 is INVALID_TOKEN or a validation failure, never TOKEN_EXPIRED.
        'POST /api/v1/auth/verify-email': () => problem(400, 'TOKEN_EXPIRED'),
      }),
      fakeServer({
        // @ts-expect-error a track's 404 is TRACK_NOT_FOUND: USER_NOT_FOUND is another operation's.
        ...route(`GET /api/v1/tracks/${id}`, () => problem(404, 'USER_NOT_FOUND')),
      }),
      fakeServer({
        // @ts-expect-error a problem status answers problem+json, not a plain JSON body.
        'GET /api/v1/me': () => json(401, { error: 'nope' }),
      }),
      fakeServer({
        // Access control's refusals are declared on every operation that needs a session.
        'GET /api/v1/me': () => problem(401, 'TOKEN_EXPIRED'),
      }),
      fakeServer({
        // @ts-expect-error no such operation in the document.
        'GET /api/v1/tracks-of-the-day': () => json(200, []),
      }),
      fakeServer({
        // @ts-expect-error deleting a track answers 204, never 200.
        ...route(`DELETE /api/v1/tracks/${id}`, () => json(200, {})),
      }),
    ];
    expect(routes).toHaveLength(7);
  });
});
