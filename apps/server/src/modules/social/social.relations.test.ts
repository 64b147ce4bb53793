import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';

const { app, given } = await createTestApp();

describe("the caller's relations", () => {
  it('tell which of the asked tracks and users the caller liked, reposted, follows and blocked, in order', async () => {
    const me = await given.user();
    const auth = (await given.session(me)).auth;
    const artist = await given.artist();
    const stranger = await given.user();
    const [liked, reposted, untouched] = await Promise.all([
      given.track({ owner: artist }),
      given.track({ owner: artist }),
      given.track({ owner: artist }),
    ]);
    const put = (url: string) => app.inject({ method: 'PUT', url, headers: auth });
    expect((await put(`/api/v1/tracks/${liked.id}/like`)).statusCode).toBe(200);
    expect((await put(`/api/v1/tracks/${reposted.id}/repost`)).statusCode).toBe(200);
    expect((await put(`/api/v1/users/${artist.username}/follow`)).statusCode).toBe(200);
    expect((await put(`/api/v1/users/${stranger.username}/block`)).statusCode).toBe(200);
    // Someone else's ties are never the caller's.
    const other = (await given.session(await given.user())).auth;
    await app.inject({ method: 'PUT', url: `/api/v1/tracks/${untouched.id}/like`, headers: other });

    const unknown = randomUUID();
    const tracks = [untouched.id, liked.id, reposted.id, unknown];
    const users = [stranger.id, artist.id, unknown];
    const query = [...tracks.map((id) => `tracks=${id}`), ...users.map((id) => `users=${id}`)].join('&');
    const res = await app.inject({ url: `/api/v1/me/relations?${query}`, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      tracks: [
        { id: untouched.id, liked: false, reposted: false },
        { id: liked.id, liked: true, reposted: false },
        { id: reposted.id, liked: false, reposted: true },
        { id: unknown, liked: false, reposted: false },
      ],
      users: [
        { id: stranger.id, following: false, blocked: true },
        { id: artist.id, following: true, blocked: false },
        { id: unknown, following: false, blocked: false },
      ],
      playlists: [],
    });

    const one = await app.inject({ url: `/api/v1/me/relations?tracks=${liked.id}`, headers: auth });
    expect(one.json()).toEqual({
      tracks: [{ id: liked.id, liked: true, reposted: false }],
      users: [],
      playlists: [],
    });
  });

  it('need a session and well-formed ids, at most 100 of each', async () => {
    const auth = (await given.session(await given.user())).auth;
    expectProblem(await app.inject({ url: '/api/v1/me/relations' }), 401, 'UNAUTHORIZED');
    const tooMany = Array.from({ length: 101 }, () => `tracks=${randomUUID()}`).join('&');
    for (const query of ['tracks=not-a-uuid', tooMany, 'colour=red']) {
      expectProblem(
        await app.inject({ url: `/api/v1/me/relations?${query}`, headers: auth }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expect((await app.inject({ url: '/api/v1/me/relations', headers: auth })).json()).toEqual({
      tracks: [],
      users: [],
      playlists: [],
    });
  });
});
