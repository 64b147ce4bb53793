import { describe, expect, it } from 'vitest';
import { TrackNotFound } from '@/modules/tracks/tracks.errors';
import type { TrackRef } from '@/modules/tracks/tracks.repo';
import { createTestApp, expectProblem } from '../../../test/app';
import { PlaylistEdges } from './playlist-edges';
import { SocialService } from './social.service';
import { eventsPublished } from './social.test-helpers';

const t = await createTestApp();
const { app, c, given } = t;

async function listener() {
  const user = await given.user();
  return { user, auth: (await given.session(user)).auth };
}

describe('likes', () => {
  it('likes and unlikes idempotently, with the count on the track', async () => {
    const { auth } = await listener();
    const track = await given.track();
    const url = `/api/v1/tracks/${track.id}/like`;

    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'PUT', url, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ liked: true, likeCount: 1 });
    }
    expect((await app.inject({ url: `/api/v1/tracks/${track.id}` })).json()).toMatchObject({
      likeCount: 1,
      repostCount: 0,
    });
    expect(await eventsPublished(t, 'track.liked', { trackId: track.id })).toBe(1);

    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'DELETE', url, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ liked: false, likeCount: 0 });
    }
    // Liking again is a real change again: one more event.
    await app.inject({ method: 'PUT', url, headers: auth });
    expect(await eventsPublished(t, 'track.liked', { trackId: track.id })).toBe(2);
  });

  it('publishes track.liked with the track, the liker and the owner', async () => {
    const { user, auth } = await listener();
    const owner = await given.artist();
    const track = await given.track({ owner });
    await app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/like`, headers: auth });
    expect(await eventsPublished(t, 'track.liked', { trackId: track.id, userId: user.id, ownerId: owner.id })).toBe(1);
  });

  it('cannot like or unlike what the caller cannot see', async () => {
    const { auth } = await listener();
    const hidden = [
      await given.track({ visibility: 'private' }),
      await given.track({ status: 'processing' }),
      await given.track({ status: 'failed' }),
    ];
    for (const track of hidden) {
      for (const method of ['PUT', 'DELETE'] as const) {
        expectProblem(
          await app.inject({ method, url: `/api/v1/tracks/${track.id}/like`, headers: auth }),
          404,
          'TRACK_NOT_FOUND',
        );
      }
    }
    expect(await eventsPublished(t, 'track.liked', { trackId: hidden[0]!.id })).toBe(0);
  });

  it('likes an unlisted track by its link, and an own private one', async () => {
    const { user, auth } = await listener();
    const unlisted = await given.track({ visibility: 'unlisted' });
    const own = await given.track({ owner: user, visibility: 'private' });
    for (const track of [unlisted, own]) {
      const res = await app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/like`, headers: auth });
      expect(res.json()).toEqual({ liked: true, likeCount: 1 });
    }
  });

  it('answers 404, not 500, when the track is deleted between the visibility check and the like', async () => {
    const user = await given.user();
    const track = await given.track();
    const principal = { userId: user.id, role: user.role, via: 'bearer' as const };
    const seen = await c.services.tracks.visibleRef(track.id, principal);
    await c.db.deleteFrom('tracks').where('id', '=', track.id).execute();
    const tracks = c.services.tracks;
    const social = new SocialService({
      db: c.db,
      clock: t.clock,
      events: c.events,
      users: c.services.users,
      playlists: new PlaylistEdges({ db: c.db, clock: t.clock, events: c.events, library: c.services.library }),
      tracks: {
        // The check saw the track; the row is gone by the time the like is inserted.
        visibleRef: (): Promise<TrackRef> => Promise.resolve(seen),
        adjustEngagement: tracks.adjustEngagement.bind(tracks),
        visibleSummaries: tracks.visibleSummaries.bind(tracks),
      },
    });
    await expect(social.likeTrack(principal, track.id, true)).rejects.toBeInstanceOf(TrackNotFound);
    await expect(social.likeTrack(principal, track.id, false)).rejects.toBeInstanceOf(TrackNotFound);
    expect(await eventsPublished(t, 'track.liked', { trackId: track.id })).toBe(0);
  });

  it('refuses bad input and strangers', async () => {
    const { auth } = await listener();
    const track = await given.track();
    expectProblem(await app.inject({ method: 'PUT', url: '/api/v1/tracks/not-a-uuid/like', headers: auth }), 400);
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/v1/tracks/not-a-uuid/like', headers: auth }), 400);
    expectProblem(
      await app.inject({ method: 'PUT', url: `/api/v1/tracks/${crypto.randomUUID()}/like`, headers: auth }),
      404,
      'TRACK_NOT_FOUND',
    );
    expectProblem(await app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/like` }), 401);
    expectProblem(await app.inject({ url: '/api/v1/me/likes' }), 401);
    expectProblem(await app.inject({ url: '/api/v1/me/likes?cursor=garbage', headers: auth }), 400);
    expectProblem(await app.inject({ url: '/api/v1/me/likes?limit=0', headers: auth }), 400);
    expectProblem(await app.inject({ url: '/api/v1/me/likes?limit=101', headers: auth }), 400);
    expectProblem(await app.inject({ url: '/api/v1/me/likes?other=1', headers: auth }), 400);
  });
});

describe('my likes', () => {
  it('lists liked tracks newest like first, by cursor, hiding those that became private', async () => {
    const { auth } = await listener();
    const tracks = [];
    for (let i = 0; i < 5; i++) {
      const track = await given.track({ title: `Liked ${i}` });
      tracks.push(track);
      t.clock.advance(1000);
      await app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/like`, headers: auth });
    }
    const first = await app.inject({ url: '/api/v1/me/likes?limit=2', headers: auth });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<{ items: { track: { id: string; likeCount: number } }[]; nextCursor: string }>();
    expect(page1.items.map((i) => i.track.id)).toEqual([tracks[4]!.id, tracks[3]!.id]);
    expect(page1.items[0]!.track.likeCount).toBe(1);
    const second = await app.inject({
      url: `/api/v1/me/likes?limit=2&cursor=${page1.nextCursor}`,
      headers: auth,
    });
    expect(second.json<{ items: { track: { id: string } }[] }>().items.map((i) => i.track.id)).toEqual([
      tracks[2]!.id,
      tracks[1]!.id,
    ]);

    // The owner hides one: it leaves the list (its title never shows), the like row stays.
    await c.db.updateTable('tracks').set({ visibility: 'private' }).where('id', '=', tracks[3]!.id).execute();
    const all = await app.inject({ url: '/api/v1/me/likes', headers: auth });
    const body = all.json<{ items: { track: { id: string } }[]; nextCursor: string | null }>();
    expect(body.items.map((i) => i.track.id)).toEqual([tracks[4]!.id, tracks[2]!.id, tracks[1]!.id, tracks[0]!.id]);
    expect(body.nextCursor).toBeNull();
    expect(all.body).not.toContain('Liked 3');
  });
});

describe('reposts', () => {
  it("reposts someone else's public track idempotently, with the count and one event", async () => {
    const { user, auth } = await listener();
    const track = await given.track();
    const url = `/api/v1/tracks/${track.id}/repost`;
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'PUT', url, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ reposted: true, repostCount: 1 });
    }
    expect((await app.inject({ url: `/api/v1/tracks/${track.id}` })).json()).toMatchObject({ repostCount: 1 });
    expect(
      await eventsPublished(t, 'track.reposted', { trackId: track.id, userId: user.id, ownerId: track.owner_id }),
    ).toBe(1);
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ method: 'DELETE', url, headers: auth });
      expect(res.json()).toEqual({ reposted: false, repostCount: 0 });
    }
    expect(await eventsPublished(t, 'track.reposted', { trackId: track.id })).toBe(1);
  });

  it('refuses tracks that are not public: hidden ones do not exist, visible ones are not repostable', async () => {
    const { user, auth } = await listener();
    const privateTrack = await given.track({ visibility: 'private' });
    expectProblem(
      await app.inject({ method: 'PUT', url: `/api/v1/tracks/${privateTrack.id}/repost`, headers: auth }),
      404,
      'TRACK_NOT_FOUND',
    );
    const unlisted = await given.track({ visibility: 'unlisted' });
    expectProblem(
      await app.inject({ method: 'PUT', url: `/api/v1/tracks/${unlisted.id}/repost`, headers: auth }),
      409,
      'TRACK_NOT_REPOSTABLE',
    );
    const own = await given.track({ owner: user });
    expectProblem(
      await app.inject({ method: 'PUT', url: `/api/v1/tracks/${own.id}/repost`, headers: auth }),
      409,
      'CANNOT_REPOST_OWN_TRACK',
    );
    // Undoing is always possible on a track the caller sees.
    const res = await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${unlisted.id}/repost`, headers: auth });
    expect(res.json()).toEqual({ reposted: false, repostCount: 0 });
    expect(await eventsPublished(t, 'track.reposted', { userId: user.id })).toBe(0);
  });

  it('lets a repost of a track that stopped being public be taken back', async () => {
    const { auth } = await listener();
    const track = await given.track();
    await app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/repost`, headers: auth });
    await c.db.updateTable('tracks').set({ visibility: 'unlisted' }).where('id', '=', track.id).execute();
    const res = await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${track.id}/repost`, headers: auth });
    expect(res.json()).toEqual({ reposted: false, repostCount: 0 });
  });

  it('refuses bad input and strangers', async () => {
    const { auth } = await listener();
    expectProblem(await app.inject({ method: 'PUT', url: '/api/v1/tracks/123/repost', headers: auth }), 400);
    expectProblem(
      await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${crypto.randomUUID()}/repost`, headers: auth }),
      404,
      'TRACK_NOT_FOUND',
    );
    expectProblem(await app.inject({ method: 'PUT', url: `/api/v1/tracks/${crypto.randomUUID()}/repost` }), 401);
  });
});
