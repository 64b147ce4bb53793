import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Conflict, NotFound } from './errors';
import { Problem, problems, registerErrorHandling } from './problem';

async function appWith(enforceDeclared: boolean) {
  const app = Fastify();
  app.addSchema(Problem);
  registerErrorHandling(app, { enforceDeclared });
  const failures: Record<string, Error> = {
    declared: new NotFound('TRACK_NOT_FOUND'),
    'other-code': new NotFound('USER_NOT_FOUND'),
    'other-status': new Conflict('TRACK_NOT_READY', 'Not ready'),
  };
  app.get<{ Params: { failure: string } }>(
    '/api/v1/things/:failure',
    { schema: { response: { 200: { type: 'object' }, ...problems({ 404: ['TRACK_NOT_FOUND'] }) } } },
    (req) => {
      throw failures[req.params.failure]!;
    },
  );
  app.get('/undocumented', () => {
    throw new NotFound('ANYTHING');
  });
  return app;
}

describe('the problems a route declares', () => {
  it('are what it may answer: in tests, anything else becomes a 500 that names the breach', async () => {
    const app = await appWith(true);
    const declared = await app.inject({ url: '/api/v1/things/declared' });
    expect([declared.statusCode, declared.json().code]).toEqual([404, 'TRACK_NOT_FOUND']);
    for (const failure of ['other-code', 'other-status']) {
      const res = await app.inject({ url: `/api/v1/things/${failure}` });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'UNDECLARED_PROBLEM' });
      expect(res.json().detail).toMatch(
        /^GET \/api\/v1\/things\/:failure answered (404 USER_NOT_FOUND|409 TRACK_NOT_READY)/,
      );
    }
    // A route without a response schema is not documented, so not checked.
    expect((await app.inject({ url: '/undocumented' })).statusCode).toBe(404);
  });

  it('outside tests, an undeclared problem is still answered as thrown', async () => {
    const app = await appWith(false);
    const res = await app.inject({ url: '/api/v1/things/other-code' });
    expect([res.statusCode, res.json().code]).toEqual([404, 'USER_NOT_FOUND']);
  });

  it('are declared in the document as the codes of each status', () => {
    const [entry] = Object.values(problems({ 409: ['B', 'A', 'B'] }));
    expect(entry!.content['application/problem+json'].schema.allOf[1].properties.code.enum).toEqual(['A', 'B']);
  });
});
