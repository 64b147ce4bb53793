import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import { eventsPublished } from './social.test-helpers';

const t = await createTestApp();
const { app, c, given } = t;

async function person() {
  const user = await given.user();
  return { user, auth: (await given.session(user)).auth };
}

async function profile(username: string) {
  return (await app.inject({ url: `/api/v1/users/${username}` })).json<{
    followerCount: number;
    followingCount: number;
  }>();
}

describe('follows', () => {
  it('follows and unfollows idempotently, with both counters and one event per real follow', async () => {
    const a = await person();
    const b = await person();
    const url = `/api/v1/users/${b.user.username}/follow`;
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'PUT', url, headers: a.auth });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ following: true, followerCount: 1 });
    }
    expect(await profile(b.user.username)).toMatchObject({ followerCount: 1, followingCount: 0 });
    expect(await profile(a.user.username)).toMatchObject({ followerCount: 0, followingCount: 1 });
    expect(await eventsPublished(t, 'user.followed', { followerId: a.user.id, followeeId: b.user.id })).toBe(1);

    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'DELETE', url, headers: a.auth });
      expect(res.json()).toEqual({ following: false, followerCount: 0 });
    }
    expect(await profile(a.user.username)).toMatchObject({ followingCount: 0 });
    expect(await eventsPublished(t, 'user.followed', { followerId: a.user.id })).toBe(1);
  });

  it('finds the user case-insensitively', async () => {
    const a = await person();
    const b = await person();
    const res = await app.inject({
      method: 'PUT',
      url: `/api/v1/users/${b.user.username.toUpperCase()}/follow`,
      headers: a.auth,
    });
    expect(res.json()).toEqual({ following: true, followerCount: 1 });
  });

  it('cannot follow yourself', async () => {
    const a = await person();
    for (const method of ['PUT', 'DELETE'] as const) {
      expectProblem(
        await app.inject({ method, url: `/api/v1/users/${a.user.username}/follow`, headers: a.auth }),
        409,
        'CANNOT_FOLLOW_SELF',
      );
    }
    expect(await profile(a.user.username)).toMatchObject({ followerCount: 0, followingCount: 0 });
  });

  it('refuses bad input and strangers', async () => {
    const a = await person();
    expectProblem(
      await app.inject({ method: 'PUT', url: '/api/v1/users/no_one_here/follow', headers: a.auth }),
      404,
      'USER_NOT_FOUND',
    );
    expectProblem(await app.inject({ method: 'PUT', url: '/api/v1/users/a%20b/follow', headers: a.auth }), 400);
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/v1/users/x/follow', headers: a.auth }), 400);
    expectProblem(await app.inject({ method: 'PUT', url: `/api/v1/users/${a.user.username}/follow` }), 401);
    expectProblem(await app.inject({ url: '/api/v1/users/no_one_here/followers' }), 404, 'USER_NOT_FOUND');
    expectProblem(await app.inject({ url: `/api/v1/users/${a.user.username}/following?cursor=nope` }), 400);
    expectProblem(await app.inject({ url: `/api/v1/users/${a.user.username}/following?limit=-1` }), 400);
  });
});

describe('follower and following lists', () => {
  it('lists newest first by cursor, publicly, with profiles', async () => {
    const star = await person();
    const fans = [];
    for (let i = 0; i < 3; i++) {
      const fan = await person();
      fans.push(fan);
      t.clock.advance(1000);
      await app.inject({ method: 'PUT', url: `/api/v1/users/${star.user.username}/follow`, headers: fan.auth });
    }
    const first = await app.inject({ url: `/api/v1/users/${star.user.username}/followers?limit=2` });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<{ items: { user: { username: string } }[]; nextCursor: string }>();
    expect(page1.items.map((i) => i.user.username)).toEqual([fans[2]!.user.username, fans[1]!.user.username]);
    const second = await app.inject({
      url: `/api/v1/users/${star.user.username}/followers?limit=2&cursor=${page1.nextCursor}`,
    });
    expect(second.json()).toEqual({
      items: [{ followedAt: expect.any(String), user: expect.objectContaining({ username: fans[0]!.user.username }) }],
      nextCursor: null,
    });
    expect(second.body).not.toContain('@example.test');

    const following = await app.inject({ url: `/api/v1/users/${fans[0]!.user.username}/following` });
    expect(following.json()).toEqual({
      items: [
        {
          followedAt: expect.any(String),
          user: expect.objectContaining({ username: star.user.username, followerCount: 3 }),
        },
      ],
      nextCursor: null,
    });
  });
});

describe('blocks', () => {
  it('blocking ends follows both ways with their counters, and the blocked user cannot follow back', async () => {
    const a = await person();
    const b = await person();
    await app.inject({ method: 'PUT', url: `/api/v1/users/${b.user.username}/follow`, headers: a.auth });
    await app.inject({ method: 'PUT', url: `/api/v1/users/${a.user.username}/follow`, headers: b.auth });
    expect(await profile(a.user.username)).toMatchObject({ followerCount: 1, followingCount: 1 });

    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'PUT', url: `/api/v1/users/${b.user.username}/block`, headers: a.auth });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ blocked: true });
    }
    for (const u of [a, b]) {
      expect(await profile(u.user.username)).toMatchObject({ followerCount: 0, followingCount: 0 });
    }
    const follows = await c.db
      .selectFrom('follows')
      .select('follower_id')
      .where('follower_id', 'in', [a.user.id, b.user.id])
      .execute();
    expect(follows).toEqual([]);

    const blockedFollow = expectProblem(
      await app.inject({ method: 'PUT', url: `/api/v1/users/${a.user.username}/follow`, headers: b.auth }),
      403,
      'BLOCKED',
    );
    expect(blockedFollow.detail).toBe('This user has blocked you.');
    // The blocker, too, must lift the block before following.
    expectProblem(
      await app.inject({ method: 'PUT', url: `/api/v1/users/${b.user.username}/follow`, headers: a.auth }),
      403,
      'BLOCKED',
    );
    // Unfollowing stays possible (nothing to undo).
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/users/${a.user.username}/follow`, headers: b.auth })).json(),
    ).toEqual({ following: false, followerCount: 0 });
    expect(await eventsPublished(t, 'user.followed', { followerId: b.user.id })).toBe(1);

    expect(await c.services.social.isBlocked(a.user.id, b.user.id)).toBe(true);
    expect(await c.services.social.isBlocked(b.user.id, a.user.id)).toBe(false);
    expect(await c.services.social.blockedBy(a.user.id)).toEqual([b.user.id]);

    for (let i = 0; i < 2; i++) {
      const res = await app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${b.user.username}/block`,
        headers: a.auth,
      });
      expect(res.json()).toEqual({ blocked: false });
    }
    const again = await app.inject({ method: 'PUT', url: `/api/v1/users/${a.user.username}/follow`, headers: b.auth });
    expect(again.json()).toEqual({ following: true, followerCount: 1 });
  });

  it('lists my blocks newest first', async () => {
    const me = await person();
    const others = [await person(), await person()];
    for (const other of others) {
      t.clock.advance(1000);
      await app.inject({ method: 'PUT', url: `/api/v1/users/${other.user.username}/block`, headers: me.auth });
    }
    const first = await app.inject({ url: '/api/v1/me/blocks?limit=1', headers: me.auth });
    const page1 = first.json<{ items: { user: { username: string } }[]; nextCursor: string }>();
    expect(page1.items.map((i) => i.user.username)).toEqual([others[1]!.user.username]);
    const second = await app.inject({ url: `/api/v1/me/blocks?limit=1&cursor=${page1.nextCursor}`, headers: me.auth });
    expect(second.json()).toEqual({
      items: [{ blockedAt: expect.any(String), user: expect.objectContaining({ username: others[0]!.user.username }) }],
      nextCursor: null,
    });
    // Someone else's list is their own.
    expect((await app.inject({ url: '/api/v1/me/blocks', headers: others[0]!.auth })).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('refuses self-blocks, unknown users, bad input and strangers', async () => {
    const a = await person();
    for (const method of ['PUT', 'DELETE'] as const) {
      expectProblem(
        await app.inject({ method, url: `/api/v1/users/${a.user.username}/block`, headers: a.auth }),
        409,
        'CANNOT_BLOCK_SELF',
      );
    }
    expectProblem(
      await app.inject({ method: 'PUT', url: '/api/v1/users/no_one_here/block', headers: a.auth }),
      404,
      'USER_NOT_FOUND',
    );
    expectProblem(await app.inject({ method: 'PUT', url: '/api/v1/users/not-valid/block', headers: a.auth }), 400);
    expectProblem(await app.inject({ method: 'PUT', url: `/api/v1/users/${a.user.username}/block` }), 401);
    expectProblem(await app.inject({ url: '/api/v1/me/blocks' }), 401);
    expectProblem(await app.inject({ url: '/api/v1/me/blocks?cursor=x', headers: a.auth }), 400);
  });
});
