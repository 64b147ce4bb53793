import { describe, expect, it } from 'vitest';
import type { TrackVisibility } from '@/modules/tracks/tracks.tables';
import { createTestApp, expectProblem } from '../../../test/app';

const { app, clock, given } = await createTestApp();
const fan = await given.user({ username: 'lynx_fan' });
const artist = await given.artist();
const stranger = await given.user();
const sessions = {
  fan: (await given.session(fan)).auth,
  artist: (await given.session(artist)).auth,
  stranger: (await given.session(stranger)).auth,
  anonymous: {},
};
type ViewerName = keyof typeof sessions;

/** A public track the fan likes and reposts, then its artist changes its visibility. */
const VISIBILITIES: TrackVisibility[] = ['public', 'unlisted', 'private'];
const tracks: Record<string, string> = {};
for (const visibility of VISIBILITIES) {
  clock.advance(1000);
  const track = await given.track({ owner: artist, title: `Lynx ${visibility}`, files: false });
  tracks[visibility] = track.id;
  for (const edge of ['like', 'repost']) {
    const res = await app.inject({ method: 'PUT', url: `/api/v1/tracks/${track.id}/${edge}`, headers: sessions.fan });
    expect(res.statusCode, res.body).toBe(200);
  }
  const edit = await app.inject({
    method: 'PATCH',
    url: `/api/v1/tracks/${track.id}`,
    headers: sessions.artist,
    payload: { visibility },
  });
  expect(edit.statusCode, edit.body).toBe(200);
}

async function listed(list: 'likes' | 'reposts', viewer: ViewerName, query: Record<string, string> = {}) {
  const res = await app.inject({ url: `/api/v1/users/lynx_fan/${list}`, query, headers: sessions[viewer] });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { track: { title: string } }[]; nextCursor: string | null }>();
}

/** A profile lists only what anyone may come across: public tracks, and the viewer's own. */
function mayList(viewer: ViewerName, visibility: TrackVisibility): boolean {
  return visibility === 'public' || viewer === 'artist';
}

describe("a profile's likes and reposts", () => {
  it.each(
    (['likes', 'reposts'] as const).flatMap((list) =>
      (Object.keys(sessions) as ViewerName[]).flatMap((viewer) =>
        VISIBILITIES.map((visibility) => [list, viewer, visibility, mayList(viewer, visibility)] as const),
      ),
    ),
  )('%s, as %s: a %s track is listed: %s', async (list, viewer, visibility, shown) => {
    const titles = (await listed(list, viewer)).items.map((i) => i.track.title);
    expect(titles.includes(`Lynx ${visibility}`)).toBe(shown);
  });

  it('pages newest first by cursor', async () => {
    const first = await listed('reposts', 'artist', { limit: '2' });
    expect(first.items.map((i) => i.track.title)).toEqual(['Lynx private', 'Lynx unlisted']);
    const second = await listed('reposts', 'artist', { limit: '2', cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ repostedAt: expect.any(String) })], nextCursor: null });
    expect(second.items[0]?.track.title).toBe('Lynx public');
  });

  it('likes kept private (likesPublic=false) are refused to others with LIKES_HIDDEN, shown to their owner', async () => {
    const off = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: sessions.fan,
      payload: { likesPublic: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ likesPublic: false });
    const profile = await app.inject({ url: '/api/v1/users/lynx_fan' });
    expect(profile.json()).toMatchObject({ likesPublic: false, followerCount: 0, followingCount: 0 });

    for (const viewer of ['stranger', 'anonymous', 'artist'] as const) {
      const res = await app.inject({ url: '/api/v1/users/lynx_fan/likes', headers: sessions[viewer] });
      expectProblem(res, 403, 'LIKES_HIDDEN');
    }
    expect((await listed('likes', 'fan')).items).toHaveLength(1);
    // Reposts are public by nature: the setting is about likes only.
    expect((await listed('reposts', 'stranger')).items).toHaveLength(1);

    const on = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: sessions.fan,
      payload: { likesPublic: true },
    });
    expect(on.statusCode).toBe(200);
    expect((await listed('likes', 'stranger')).items).toHaveLength(1);
  });

  it('answers bad input with 4xx problems', async () => {
    expectProblem(await app.inject({ url: '/api/v1/users/nobody_here_x/likes' }), 404, 'USER_NOT_FOUND');
    expectProblem(await app.inject({ url: '/api/v1/users/nobody_here_x/reposts' }), 404, 'USER_NOT_FOUND');
    expectProblem(await app.inject({ url: '/api/v1/users/a!/likes' }), 400, 'VALIDATION_FAILED');
    expectProblem(await app.inject({ url: '/api/v1/users/lynx_fan/reposts', query: { cursor: 'garbage' } }), 400);
    expectProblem(await app.inject({ url: '/api/v1/users/lynx_fan/likes', query: { limit: '0' } }), 400);
    const notBool = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: sessions.fan,
      payload: { likesPublic: 'no' },
    });
    expectProblem(notBool, 400, 'VALIDATION_FAILED');
  });
});
