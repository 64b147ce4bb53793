import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { playlistRequests } from '@/modules/library/playlist-requests';
import { createTestApp } from '../../../test/app';
import { eventsPublished } from './social.test-helpers';

const t = await createTestApp();
const { app, c, given } = t;
const playlists = playlistRequests(app, t.clock);

async function people(n: number) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const user = await given.user();
      return { user, auth: (await given.session(user)).auth };
    }),
  );
}

/** The counters next to the count(*) of their rows: they must be equal at every commit. */
async function counters(playlistId: string) {
  const { rows } = await sql<{ like_count: number; likes: number; repost_count: number; reposts: number }>`
    SELECT like_count,
           (SELECT count(*)::int FROM playlist_likes WHERE playlist_id = p.id) AS likes,
           repost_count,
           (SELECT count(*)::int FROM playlist_reposts WHERE playlist_id = p.id) AS reposts
    FROM playlists p WHERE id = ${playlistId}`.execute(c.db);
  return rows[0]!;
}

function toggles(n: number): ('PUT' | 'DELETE')[] {
  return Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'PUT' : 'DELETE')).sort(() => Math.random() - 0.5);
}

describe('playlist toggles under concurrency', () => {
  it('50 concurrent like/unlike and repost/unrepost toggles by one user: state and count agree', async () => {
    const [owner, fan] = await people(2);
    const playlist = await playlists.create(owner!.auth);
    const responses = await Promise.all(
      toggles(50).flatMap((method) => [
        app.inject({ method, url: `/api/v1/playlists/${playlist.id}/like`, headers: fan!.auth }),
        app.inject({ method, url: `/api/v1/playlists/${playlist.id}/repost`, headers: fan!.auth }),
      ]),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    const now = await counters(playlist.id);
    expect(now.like_count).toBe(now.likes);
    expect(now.repost_count).toBe(now.reposts);
    expect(now.likes).toBeLessThanOrEqual(1);
    expect((await playlists.get(playlist.id)).json()).toMatchObject({ likeCount: now.likes, repostCount: now.reposts });
  });

  it('20 concurrent identical likes insert one row and publish one event', async () => {
    const [owner, fan] = await people(2);
    const playlist = await playlists.create(owner!.auth);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({ method: 'PUT', url: `/api/v1/playlists/${playlist.id}/like`, headers: fan!.auth }),
      ),
    );
    expect(responses.map((r) => r.json<unknown>())).toEqual(responses.map(() => ({ liked: true, likeCount: 1 })));
    expect(await counters(playlist.id)).toMatchObject({ like_count: 1, likes: 1 });
    expect(await eventsPublished(t, 'playlist.liked', { playlistId: playlist.id })).toBe(1);
  });

  it('20 users liking and reposting at once, while the owner edits, count 20 each', async () => {
    const [owner, ...fans] = await people(21);
    const playlist = await playlists.create(owner!.auth);
    const track = await given.track();
    const responses = await Promise.all([
      ...fans.flatMap((fan) => [
        app.inject({ method: 'PUT', url: `/api/v1/playlists/${playlist.id}/like`, headers: fan.auth }),
        app.inject({ method: 'PUT', url: `/api/v1/playlists/${playlist.id}/repost`, headers: fan.auth }),
      ]),
      // Edits lock the same row: they queue with the counters, neither deadlocks nor loses an update.
      ...Array.from({ length: 5 }, () => playlists.add(playlist.id, owner!.auth, [track.id])),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    expect(await counters(playlist.id)).toEqual({ like_count: 20, likes: 20, repost_count: 20, reposts: 20 });
    expect((await playlists.get(playlist.id)).json()).toMatchObject({ itemCount: 5, likeCount: 20 });
  });
});
