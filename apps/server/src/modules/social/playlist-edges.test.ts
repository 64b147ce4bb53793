import { describe, expect, it } from 'vitest';
import { playlistRequests } from '@/modules/library/playlist-requests';
import { createTestApp, expectProblem } from '../../../test/app';
import { eventsPublished } from './social.test-helpers';

const t = await createTestApp();
const { app, given } = t;
const playlists = playlistRequests(app, t.clock);

async function person() {
  const user = await given.user();
  return { user, auth: (await given.session(user)).auth };
}

const toggle = (method: 'PUT' | 'DELETE', id: string, what: 'like' | 'repost', auth?: { authorization: string }) =>
  app.inject({ method, url: `/api/v1/playlists/${id}/${what}`, ...(auth ? { headers: auth } : {}) });

describe('likes of playlists', () => {
  it('likes and unlikes idempotently; the playlist shows the count; one event per real like', async () => {
    const owner = await person();
    const fan = await person();
    const playlist = await playlists.create(owner.auth);
    expect(playlist).toMatchObject({ likeCount: 0, repostCount: 0, coverUrl: null });

    expect((await toggle('PUT', playlist.id, 'like', fan.auth)).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await toggle('PUT', playlist.id, 'like', fan.auth)).json()).toEqual({ liked: true, likeCount: 1 });
    expect((await toggle('PUT', playlist.id, 'like', owner.auth)).json()).toEqual({ liked: true, likeCount: 2 });
    expect((await playlists.get(playlist.id)).json()).toMatchObject({ likeCount: 2, version: playlist.version });
    expect(
      await eventsPublished(t, 'playlist.liked', {
        playlistId: playlist.id,
        userId: fan.user.id,
        ownerId: owner.user.id,
      }),
    ).toBe(1);

    expect((await toggle('DELETE', playlist.id, 'like', fan.auth)).json()).toEqual({ liked: false, likeCount: 1 });
    expect((await toggle('DELETE', playlist.id, 'like', fan.auth)).json()).toEqual({ liked: false, likeCount: 1 });
    expect((await toggle('PUT', playlist.id, 'like', fan.auth)).json()).toEqual({ liked: true, likeCount: 2 });
    expect(await eventsPublished(t, 'playlist.liked', { playlistId: playlist.id, userId: fan.user.id })).toBe(2);
  });

  it('private playlists are 404 to strangers, and likeable by their collaborators', async () => {
    const owner = await person();
    const stranger = await person();
    const collaborator = await person();
    const secret = await playlists.create(owner.auth, { visibility: 'private' });
    await playlists.invite(secret.id, owner.auth, collaborator.user.username);
    for (const method of ['PUT', 'DELETE'] as const) {
      for (const what of ['like', 'repost'] as const) {
        expectProblem(await toggle(method, secret.id, what, stranger.auth), 404, 'PLAYLIST_NOT_FOUND');
      }
    }
    expect((await toggle('PUT', secret.id, 'like', collaborator.auth)).json()).toEqual({ liked: true, likeCount: 1 });
    const unlisted = await playlists.create(owner.auth, { visibility: 'unlisted' });
    expect((await toggle('PUT', unlisted.id, 'like', stranger.auth)).json()).toEqual({ liked: true, likeCount: 1 });
  });

  it('answers 401 without a session, 400 for a bad id, 404 for an unknown one', async () => {
    const fan = await person();
    const playlist = await playlists.create(fan.auth);
    expectProblem(await toggle('PUT', playlist.id, 'like'), 401);
    expectProblem(await toggle('PUT', 'not-a-uuid', 'like', fan.auth), 400, 'VALIDATION_FAILED');
    expectProblem(await toggle('PUT', crypto.randomUUID(), 'like', fan.auth), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(await toggle('DELETE', crypto.randomUUID(), 'repost', fan.auth), 404, 'PLAYLIST_NOT_FOUND');
  });
});

describe('reposts of playlists', () => {
  it("reposts someone else's public playlist, idempotently, with one event", async () => {
    const owner = await person();
    const fan = await person();
    const playlist = await playlists.create(owner.auth);
    expect((await toggle('PUT', playlist.id, 'repost', fan.auth)).json()).toEqual({ reposted: true, repostCount: 1 });
    expect((await toggle('PUT', playlist.id, 'repost', fan.auth)).json()).toEqual({ reposted: true, repostCount: 1 });
    expect(await eventsPublished(t, 'playlist.reposted', { playlistId: playlist.id, userId: fan.user.id })).toBe(1);
    expect((await playlists.get(playlist.id)).json()).toMatchObject({ repostCount: 1 });
    expect((await toggle('DELETE', playlist.id, 'repost', fan.auth)).json()).toEqual({
      reposted: false,
      repostCount: 0,
    });
  });

  it('refuses reposts of your own playlists and of unlisted ones, but lets a repost be taken back', async () => {
    const owner = await person();
    const fan = await person();
    const own = await playlists.create(owner.auth);
    expectProblem(await toggle('PUT', own.id, 'repost', owner.auth), 409, 'CANNOT_REPOST_OWN_PLAYLIST');
    const unlisted = await playlists.create(owner.auth, { visibility: 'unlisted' });
    expectProblem(await toggle('PUT', unlisted.id, 'repost', fan.auth), 409, 'PLAYLIST_NOT_REPOSTABLE');

    await toggle('PUT', own.id, 'repost', fan.auth);
    await playlists.call('PATCH', `/playlists/${own.id}`, owner.auth, { visibility: 'unlisted' });
    expect((await toggle('DELETE', own.id, 'repost', fan.auth)).json()).toEqual({ reposted: false, repostCount: 0 });
  });
});

describe('my liked playlists and relations', () => {
  it('lists liked playlists newest first, leaving out those made private since, by cursor', async () => {
    const owner = await person();
    const fan = await person();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await playlists.create(owner.auth, { title: `P${i}` }));
    for (const p of made) {
      t.clock.advance(1000);
      await toggle('PUT', p.id, 'like', fan.auth);
    }
    await playlists.call('PATCH', `/playlists/${made[1]!.id}`, owner.auth, { visibility: 'private' });

    const first = await app.inject({ url: '/api/v1/me/liked-playlists?limit=2', headers: fan.auth });
    const page1 = first.json<{ items: { playlist: { title: string } }[]; nextCursor: string }>();
    // Two likes on this page, one of them hidden now: the page is short, the cursor still moves on.
    expect(page1.items.map((i) => i.playlist.title)).toEqual(['P2']);
    const second = await app.inject({
      url: `/api/v1/me/liked-playlists?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
      headers: fan.auth,
    });
    expect(second.json()).toMatchObject({ items: [{ playlist: { title: 'P0', likeCount: 1 } }], nextCursor: null });
    expectProblem(await app.inject({ url: '/api/v1/me/liked-playlists' }), 401);
  });

  it('tells the caller their likes and reposts among playlist ids', async () => {
    const owner = await person();
    const fan = await person();
    const [a, b] = [await playlists.create(owner.auth), await playlists.create(owner.auth)];
    await toggle('PUT', a.id, 'like', fan.auth);
    await toggle('PUT', b.id, 'repost', fan.auth);
    const res = await app.inject({
      url: `/api/v1/me/relations?playlists=${a.id}&playlists=${b.id}&tracks=${a.id}`,
      headers: fan.auth,
    });
    expect(res.json()).toEqual({
      tracks: [{ id: a.id, liked: false, reposted: false }],
      users: [],
      playlists: [
        { id: a.id, liked: true, reposted: false },
        { id: b.id, liked: false, reposted: true },
      ],
    });
    expectProblem(await app.inject({ url: '/api/v1/me/relations?playlists=x', headers: fan.auth }), 400);
  });
});
