import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import type { PlaylistDetail, PlaylistList } from './library.schemas';
import { playlistRequests } from './playlist-requests';

const { app, c, clock, given } = await createTestApp();
const api = playlistRequests(app, clock);
const owner = await given.user();
const collaborator = await given.user();
const other = await given.user();
const sessions = {
  owner: (await given.session(owner)).auth,
  collaborator: (await given.session(collaborator)).auth,
  other: (await given.session(other)).auth,
  anonymous: undefined,
};

describe('creating and editing a playlist', () => {
  it('creates, reads, renames and deletes, with the version as ETag, and publishes events', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/playlists',
      headers: sessions.owner,
      payload: { title: '  Summer  ', description: 'Hot', visibility: 'unlisted' },
    });
    expect(created.statusCode).toBe(201);
    const playlist = created.json<PlaylistDetail>();
    expect(playlist).toMatchObject({
      title: 'Summer',
      description: 'Hot',
      visibility: 'unlisted',
      version: 1,
      itemCount: 0,
      owner: { id: owner.id, username: owner.username },
      viewerRole: 'owner',
      collaborators: [],
      items: [],
    });
    expect(created.headers.etag).toBe('"1"');

    const renamed = await api.call('PATCH', `/playlists/${playlist.id}`, sessions.owner, {
      title: 'Winter',
      description: ' ',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Winter', description: null, version: 2 });
    expect(renamed.headers.etag).toBe('"2"');

    expect((await api.call('DELETE', `/playlists/${playlist.id}`, sessions.owner)).statusCode).toBe(204);
    expectProblem(await api.get(playlist.id, sessions.owner), 404, 'PLAYLIST_NOT_FOUND');
    const events = await c.db
      .selectFrom('event_outbox')
      .select(['name', 'payload'])
      .where(sql`payload->>'playlistId'`, '=', playlist.id)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.name)).toEqual(['playlist.changed', 'playlist.changed', 'playlist.deleted']);
    expect(events[2]?.payload).toEqual({ playlistId: playlist.id, ownerId: owner.id });
  });

  it('refuses what is not the owner’s to do', async () => {
    const playlist = await api.create(sessions.owner);
    expectProblem(
      await api.call('PATCH', `/playlists/${playlist.id}`, sessions.other, { title: 'x' }),
      403,
      'NOT_PLAYLIST_OWNER',
    );
    expectProblem(await api.call('DELETE', `/playlists/${playlist.id}`, sessions.other), 403, 'NOT_PLAYLIST_OWNER');
    expectProblem(await api.call('DELETE', `/playlists/${playlist.id}`, undefined), 401);
  });
});

describe('who sees a playlist', () => {
  const cases = [
    ['owner', 'public', 200],
    ['owner', 'unlisted', 200],
    ['owner', 'private', 200],
    ['collaborator', 'public', 200],
    ['collaborator', 'unlisted', 200],
    ['collaborator', 'private', 200],
    ['other', 'public', 200],
    ['other', 'unlisted', 200],
    ['other', 'private', 404],
    ['anonymous', 'public', 200],
    ['anonymous', 'unlisted', 200],
    ['anonymous', 'private', 404],
  ] as const;

  it.each(cases)('%s, %s playlist → %i', async (who, visibility, status) => {
    const playlist = await api.create(sessions.owner, { visibility });
    expect((await api.invite(playlist.id, sessions.owner, collaborator.username)).statusCode).toBe(200);
    const res = await api.get(playlist.id, sessions[who]);
    if (status === 404) expectProblem(res, 404, 'PLAYLIST_NOT_FOUND');
    else {
      expect(res.statusCode).toBe(200);
      const role = who === 'owner' || who === 'collaborator' ? who : null;
      expect(res.json()).toMatchObject({ id: playlist.id, viewerRole: role });
    }
  });
});

describe('lists of playlists', () => {
  it("shows others a user's public playlists, the owner all, newest first with a cursor", async () => {
    const lister = await given.user();
    const auth = (await given.session(lister)).auth;
    const made = [];
    for (const visibility of ['public', 'private', 'unlisted', 'public', 'public'] as const) {
      made.push(await api.create(auth, { visibility, title: visibility }));
    }
    const publicIds = made
      .filter((p) => p.visibility === 'public')
      .map((p) => p.id)
      .reverse();

    const first = await api.call('GET', `/users/${lister.username}/playlists?limit=2`, sessions.other);
    const page1 = first.json<PlaylistList>();
    expect(page1.items.map((p) => p.id)).toEqual(publicIds.slice(0, 2));
    const second = await api.call(
      'GET',
      `/users/${lister.username}/playlists?limit=2&cursor=${page1.nextCursor}`,
      undefined,
    );
    expect(second.json<PlaylistList>()).toMatchObject({ items: [{ id: publicIds[2] }], nextCursor: null });

    const own = await api.call('GET', `/users/${lister.username}/playlists`, auth);
    expect(own.json<PlaylistList>().items.map((p) => p.id)).toEqual(made.map((p) => p.id).reverse());
  });

  it('lists mine: owned and collaborated on, not others’', async () => {
    const me = await given.user();
    const auth = (await given.session(me)).auth;
    const mine = await api.create(auth, { visibility: 'private' });
    const shared = await api.create(sessions.owner, { visibility: 'private' });
    await api.invite(shared.id, sessions.owner, me.username);
    await api.create(sessions.owner, { visibility: 'public' });
    await api.add(mine.id, auth, [(await given.track()).id]);
    const res = await api.call('GET', '/me/playlists', auth);
    expect(res.json<PlaylistList>().items).toMatchObject([
      { id: shared.id, owner: { username: owner.username } },
      { id: mine.id, itemCount: 1 },
    ]);
    expectProblem(await api.call('GET', '/me/playlists', undefined), 401);
  });
});

describe('bad input', () => {
  it('answers 4xx problems, never 500', async () => {
    const playlist = await api.create(sessions.owner);
    const post = (payload: object) => api.call('POST', '/playlists', sessions.owner, payload);
    expectProblem(await post({ visibility: 'public' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ title: '', visibility: 'public' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ title: '   ', visibility: 'public' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ title: 'x'.repeat(201), visibility: 'public' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ title: 'x', visibility: 'secret' }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ title: 'x', visibility: 'public', owner: other.id }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.call('PATCH', `/playlists/${playlist.id}`, sessions.owner, {}), 400, 'VALIDATION_FAILED');
    expectProblem(await api.get('not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectProblem(await api.call('DELETE', '/playlists/not-a-uuid', sessions.owner), 400, 'VALIDATION_FAILED');
    expectProblem(await api.call('DELETE', `/playlists/${randomUUID()}`, sessions.owner), 404, 'PLAYLIST_NOT_FOUND');
    const patch = (payload: object) => api.call('PATCH', `/playlists/${playlist.id}`, sessions.owner, payload);
    expectProblem(await patch({ description: 'x'.repeat(5001) }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ visibility: null }), 400, 'VALIDATION_FAILED');
    expectProblem(await patch({ version: 9 }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.get(randomUUID()), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(
      await api.call('PATCH', `/playlists/${randomUUID()}`, sessions.owner, { title: 'x' }),
      404,
      'PLAYLIST_NOT_FOUND',
    );
    expectProblem(await api.call('GET', '/users/nobody_here/playlists', undefined), 404, 'USER_NOT_FOUND');
    expectProblem(await api.call('GET', '/users/a!/playlists', undefined), 400, 'VALIDATION_FAILED');
    expectProblem(await api.call('GET', '/me/playlists?cursor=garbage', sessions.owner), 400, 'VALIDATION_FAILED');
    expectProblem(await api.call('GET', '/me/playlists?limit=0', sessions.owner), 400, 'VALIDATION_FAILED');
  });
});
