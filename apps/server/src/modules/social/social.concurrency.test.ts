import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import { eventsPublished } from './social.test-helpers';

const t = await createTestApp();
const { app, c, given } = t;

async function people(n: number) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const user = await given.user();
      return { user, auth: (await given.session(user)).auth };
    }),
  );
}

/** Every counter next to the count(*) of its rows: they must be equal at every commit. */
async function trackCounters(trackId: string) {
  const { rows } = await sql<{ like_count: number; likes: number; repost_count: number; reposts: number }>`
    SELECT like_count,
           (SELECT count(*)::int FROM track_likes WHERE track_id = t.id) AS likes,
           repost_count,
           (SELECT count(*)::int FROM track_reposts WHERE track_id = t.id) AS reposts
    FROM tracks t WHERE id = ${trackId}`.execute(c.db);
  return rows[0]!;
}

async function userCounters(userId: string) {
  const { rows } = await sql<{ follower_count: number; followers: number; following_count: number; following: number }>`
    SELECT follower_count,
           (SELECT count(*)::int FROM follows WHERE followee_id = u.id) AS followers,
           following_count,
           (SELECT count(*)::int FROM follows WHERE follower_id = u.id) AS following
    FROM users u WHERE id = ${userId}`.execute(c.db);
  return rows[0]!;
}

/** Half sets, half clears, shuffled: the order the requests reach the database is up to the race. */
function toggles(n: number): ('PUT' | 'DELETE')[] {
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'PUT' : 'DELETE')).sort(() => Math.random() - 0.5);
}

describe('toggles under concurrency', () => {
  it('50 concurrent like/unlike toggles by one user: state and count agree, no error', async () => {
    const [fan] = await people(1);
    const track = await given.track();
    const responses = await Promise.all(
      toggles(50).map((method) => app.inject({ method, url: `/api/v1/tracks/${track.id}/like`, headers: fan!.auth })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    const counters = await trackCounters(track.id);
    expect(counters.like_count).toBe(counters.likes);
    expect(counters.likes).toBeLessThanOrEqual(1);
    expect((await app.inject({ url: `/api/v1/tracks/${track.id}` })).json()).toMatchObject({
      likeCount: counters.likes,
    });
    const mine = (await app.inject({ url: '/api/v1/me/likes', headers: fan!.auth })).json<{ items: unknown[] }>();
    expect(mine.items).toHaveLength(counters.likes);
  });

  it('20 concurrent identical likes by one user insert one row, count one and publish one event', async () => {
    const [fan] = await people(1);
    const track = await given.track();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/like`, headers: fan!.auth }),
      ),
    );
    expect(responses.map((r) => r.json<unknown>())).toEqual(responses.map(() => ({ liked: true, likeCount: 1 })));
    expect(await trackCounters(track.id)).toMatchObject({ like_count: 1, likes: 1 });
    expect(await eventsPublished(t, 'track.liked', { trackId: track.id })).toBe(1);
  });

  it('20 concurrent likes and reposts by 20 users count 20 each', async () => {
    const fans = await people(20);
    const track = await given.track();
    const responses = await Promise.all(
      fans.flatMap((fan) => [
        app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/like`, headers: fan.auth }),
        app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/repost`, headers: fan.auth }),
      ]),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    expect(await trackCounters(track.id)).toEqual({ like_count: 20, likes: 20, repost_count: 20, reposts: 20 });
    expect(await eventsPublished(t, 'track.liked', { trackId: track.id })).toBe(20);
    expect(await eventsPublished(t, 'track.reposted', { trackId: track.id })).toBe(20);
    expect((await app.inject({ url: `/api/v1/tracks/${track.id}` })).json()).toMatchObject({
      likeCount: 20,
      repostCount: 20,
    });
  });

  it('50 concurrent follow/unfollow toggles by one user: state and counts agree, no error', async () => {
    const [fan, star] = await people(2);
    const responses = await Promise.all(
      toggles(50).map((method) =>
        app.inject({ method, url: `/api/v1/users/${star!.user.username}/follow`, headers: fan!.auth }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    const starCounts = await userCounters(star!.user.id);
    const fanCounts = await userCounters(fan!.user.id);
    expect(starCounts.follower_count).toBe(starCounts.followers);
    expect(fanCounts.following_count).toBe(fanCounts.following);
    expect(starCounts.followers).toBe(fanCounts.following);
    expect((await app.inject({ url: `/api/v1/users/${star!.user.username}` })).json()).toMatchObject({
      followerCount: starCounts.followers,
    });
  });

  it('20 concurrent follows of one user count 20', async () => {
    const [star, ...fans] = await people(21);
    const responses = await Promise.all(
      fans.map((fan) =>
        app.inject({ method: 'PUT', url: `/api/v1/users/${star!.user.username}/follow`, headers: fan.auth }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    expect(await userCounters(star!.user.id)).toEqual({
      follower_count: 20,
      followers: 20,
      following_count: 0,
      following: 0,
    });
    expect(await eventsPublished(t, 'user.followed', { followeeId: star!.user.id })).toBe(20);
  });

  it('mutual follows racing (a→b while b→a) never deadlock', async () => {
    const group = await people(6);
    const requests = group.flatMap((a) =>
      group
        .filter((b) => b !== a)
        .map((b) => app.inject({ method: 'PUT', url: `/api/v1/users/${b.user.username}/follow`, headers: a.auth })),
    );
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    for (const { user } of group) {
      expect(await userCounters(user.id)).toEqual({
        follower_count: 5,
        followers: 5,
        following_count: 5,
        following: 5,
      });
    }
  });

  it('a block racing follows both ways leaves no follow behind and counters right', async () => {
    const pairs = await Promise.all(Array.from({ length: 8 }, () => people(2)));
    const responses = await Promise.all(
      pairs.flatMap(([a, b]) => [
        app.inject({ method: 'PUT', url: `/api/v1/users/${a!.user.username}/follow`, headers: b!.auth }),
        app.inject({ method: 'PUT', url: `/api/v1/users/${b!.user.username}/follow`, headers: a!.auth }),
        app.inject({ method: 'PUT', url: `/api/v1/users/${b!.user.username}/block`, headers: a!.auth }),
      ]),
    );
    // A follow either committed before the block (and was ended by it) or came after and was refused.
    expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 403)).toBe(true);
    for (const [a, b] of pairs) {
      for (const { user } of [a!, b!]) {
        expect(await userCounters(user.id)).toEqual({
          follower_count: 0,
          followers: 0,
          following_count: 0,
          following: 0,
        });
      }
    }
  });
});
