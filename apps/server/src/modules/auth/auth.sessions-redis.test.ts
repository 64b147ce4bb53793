import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';

const redisUrl = process.env.REDIS_URL;
const t = redisUrl ? await createTestApp({ REDIS_URL: redisUrl }) : undefined;

describe.runIf(t)('sessions end at once with REDIS_URL set', () => {
  it('keeps the revocation set in Redis and refuses the token on the next request', async () => {
    const { app, given } = t!;
    const session = await given.session(await given.user());
    const sid = JSON.parse(Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString()).sid as string;
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { veza_refresh: session.refresh, veza_csrf: session.csrf },
      headers: { 'x-csrf-token': session.csrf },
    });
    expect(out.statusCode).toBe(204);
    expectProblem(await app.inject({ url: '/api/v1/me', headers: session.auth }), 401, 'TOKEN_REVOKED');

    const redis = new Redis(redisUrl as string);
    try {
      expect(await redis.exists(`veza:revoked:session:${sid}`)).toBe(1);
    } finally {
      await redis.quit();
    }
    const rows = await t!.c.db.selectFrom('access_revocations').selectAll().execute();
    expect(rows).toEqual([]);
  });
});
