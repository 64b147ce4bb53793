import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import type { PlaylistDetail } from './library.schemas';
import { playlistRequests, trackOrder } from './playlist-requests';

const { app, clock, given } = await createTestApp();
const api = playlistRequests(app, clock);
const owner = await given.user();
const ownerAuth = (await given.session(owner)).auth;
const friend = await given.user();
const friendAuth = (await given.session(friend)).auth;
const stranger = await given.user();
const strangerAuth = (await given.session(stranger)).auth;
const [a, b] = [await given.track(), await given.track()];

async function sharedPlaylist(visibility: 'public' | 'private' = 'private'): Promise<PlaylistDetail> {
  const playlist = await api.create(ownerAuth, { visibility });
  await api.add(playlist.id, ownerAuth, [a.id]);
  const res = await api.invite(playlist.id, ownerAuth, friend.username);
  expect(res.statusCode).toBe(200);
  return res.json<PlaylistDetail>();
}

describe('collaborators', () => {
  it('are listed in the detail once, however often invited', async () => {
    const playlist = await sharedPlaylist();
    expect(playlist.collaborators).toEqual([{ id: friend.id, username: friend.username, displayName: null }]);
    const again = (await api.invite(playlist.id, ownerAuth, friend.username.toUpperCase())).json<PlaylistDetail>();
    expect(again.collaborators).toHaveLength(1);
    expect((await api.get(playlist.id, friendAuth)).json()).toMatchObject({ viewerRole: 'collaborator' });
  });

  it('may add, remove and reorder items', async () => {
    const playlist = await sharedPlaylist();
    const added = (await api.add(playlist.id, friendAuth, [b.id], 0)).json<PlaylistDetail>();
    expect(trackOrder(added)).toEqual([b.id, a.id]);
    const moved = (await api.move(playlist.id, added.items[0]!.id, friendAuth, 1)).json<PlaylistDetail>();
    expect(trackOrder(moved)).toEqual([a.id, b.id]);
    const removed = (await api.remove(playlist.id, moved.items[0]!.id, friendAuth)).json<PlaylistDetail>();
    expect(trackOrder(removed)).toEqual([b.id]);
  });

  it('may not rename, change visibility, delete or invite', async () => {
    const playlist = await sharedPlaylist();
    const url = `/playlists/${playlist.id}`;
    expectProblem(await api.call('PATCH', url, friendAuth, { title: 'Mine now' }), 403, 'NOT_PLAYLIST_OWNER');
    expectProblem(await api.call('PATCH', url, friendAuth, { visibility: 'public' }), 403, 'NOT_PLAYLIST_OWNER');
    expectProblem(await api.call('DELETE', url, friendAuth), 403, 'NOT_PLAYLIST_OWNER');
    expectProblem(await api.invite(playlist.id, friendAuth, stranger.username), 403, 'NOT_PLAYLIST_OWNER');
    expectProblem(
      await api.call('DELETE', `${url}/collaborators/${owner.username}`, friendAuth),
      403,
      'NOT_PLAYLIST_OWNER',
    );
    expect((await api.get(playlist.id, ownerAuth)).json()).toMatchObject({ title: 'Mix', visibility: 'private' });
  });

  it('lose access when removed by the owner, or when they leave', async () => {
    const playlist = await sharedPlaylist();
    const removed = await api.call('DELETE', `/playlists/${playlist.id}/collaborators/${friend.username}`, ownerAuth);
    expect(removed.statusCode).toBe(204);
    expectProblem(await api.get(playlist.id, friendAuth), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(await api.add(playlist.id, friendAuth, [b.id]), 404, 'PLAYLIST_NOT_FOUND');

    const other = await sharedPlaylist();
    const left = await api.call('DELETE', `/playlists/${other.id}/collaborators/${friend.username}`, friendAuth);
    expect(left.statusCode).toBe(204);
    expectProblem(await api.get(other.id, friendAuth), 404, 'PLAYLIST_NOT_FOUND');
    expect((await api.get(other.id, ownerAuth)).json<PlaylistDetail>().collaborators).toEqual([]);
  });

  it('on a public playlist, strangers still may not edit', async () => {
    const playlist = await sharedPlaylist('public');
    expectProblem(await api.add(playlist.id, strangerAuth, [b.id]), 403, 'NOT_PLAYLIST_EDITOR');
    expectProblem(
      await api.call('DELETE', `/playlists/${playlist.id}/collaborators/${friend.username}`, strangerAuth),
      403,
      'NOT_PLAYLIST_EDITOR',
    );
  });

  it('answers 4xx problems for bad invitations', async () => {
    const playlist = await sharedPlaylist();
    expectProblem(await api.invite(playlist.id, ownerAuth, 'nobody_at_all'), 404, 'USER_NOT_FOUND');
    expectProblem(await api.invite(playlist.id, ownerAuth, owner.username), 409, 'COLLABORATOR_IS_OWNER');
    expectProblem(await api.invite(playlist.id, ownerAuth, 'no spaces!'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await api.call('POST', `/playlists/${playlist.id}/collaborators`, ownerAuth, {}),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await api.invite(randomUUID(), ownerAuth, friend.username), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(await api.invite(playlist.id, strangerAuth, friend.username), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(await api.invite(playlist.id, undefined, friend.username), 401);
    expectProblem(
      await api.call('DELETE', `/playlists/${playlist.id}/collaborators/nobody_at_all`, ownerAuth),
      404,
      'USER_NOT_FOUND',
    );
    expectProblem(
      await api.call('DELETE', `/playlists/${playlist.id}/collaborators/a`, ownerAuth),
      400,
      'VALIDATION_FAILED',
    );
  });
});
