import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import { PLAYLIST_ITEMS_MAX, type PlaylistDetail } from './library.schemas';
import { playlistRequests, trackOrder } from './playlist-requests';

const { app, c, clock, given } = await createTestApp();
const api = playlistRequests(app, clock);
const owner = await given.user();
const auth = (await given.session(owner)).auth;
const other = (await given.session(await given.user())).auth;
const [a, b, c3] = [
  await given.track({ title: 'A' }),
  await given.track({ title: 'B' }),
  await given.track({ title: 'C' }),
];

async function playlistOf(trackIds: string[]): Promise<PlaylistDetail> {
  const playlist = await api.create(auth);
  const res = await api.add(playlist.id, auth, trackIds);
  expect(res.statusCode).toBe(200);
  return res.json<PlaylistDetail>();
}

function expectDense(playlist: PlaylistDetail) {
  expect(playlist.items.map((item) => item.position)).toEqual(playlist.items.map((_, i) => i));
  expect(playlist.itemCount).toBe(playlist.items.length);
}

describe('adding, removing and moving items', () => {
  it('appends by default, inserts at a position, and keeps a track added twice as two items', async () => {
    const playlist = await playlistOf([a.id, b.id]);
    expect(trackOrder(playlist)).toEqual([a.id, b.id]);
    const inserted = (await api.add(playlist.id, auth, [c3.id, a.id], 1)).json<PlaylistDetail>();
    expect(trackOrder(inserted)).toEqual([a.id, c3.id, a.id, b.id]);
    expect(new Set(inserted.items.map((item) => item.id)).size).toBe(4);
    expectDense(inserted);
    expect(inserted.version).toBe(3);
    const pastEnd = (await api.add(playlist.id, auth, [b.id], 99)).json<PlaylistDetail>();
    expect(trackOrder(pastEnd)).toEqual([a.id, c3.id, a.id, b.id, b.id]);
    expect(pastEnd.items[0]).toMatchObject({ available: true, track: { title: 'A', artist: { id: a.owner_id } } });
  });

  it('moves an item up and down, past the end meaning last', async () => {
    const playlist = await playlistOf([a.id, b.id, c3.id]);
    const [first, , third] = playlist.items.map((item) => item.id);
    const down = (await api.move(playlist.id, first!, auth, 2)).json<PlaylistDetail>();
    expect(trackOrder(down)).toEqual([b.id, c3.id, a.id]);
    const up = (await api.move(playlist.id, third!, auth, 0)).json<PlaylistDetail>();
    expect(trackOrder(up)).toEqual([c3.id, b.id, a.id]);
    const last = (await api.move(playlist.id, third!, auth, 50)).json<PlaylistDetail>();
    expect(trackOrder(last)).toEqual([b.id, a.id, c3.id]);
    expectDense(last);
  });

  it('removes an item and closes the gap', async () => {
    const playlist = await playlistOf([a.id, b.id, c3.id]);
    const res = await api.remove(playlist.id, playlist.items[1]!.id, auth);
    expect(res.statusCode).toBe(200);
    const after = res.json<PlaylistDetail>();
    expect(trackOrder(after)).toEqual([a.id, c3.id]);
    expectDense(after);
    expectProblem(await api.remove(playlist.id, playlist.items[1]!.id, auth), 404, 'PLAYLIST_ITEM_NOT_FOUND');
  });

  it('adds nothing when one track is not visible, and names it', async () => {
    const playlist = await playlistOf([a.id]);
    const hidden = await given.track({ visibility: 'private' });
    const res = await api.add(playlist.id, auth, [b.id, hidden.id, randomUUID()]);
    const problem = expectProblem(res, 404, 'TRACK_NOT_FOUND');
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toEqual(['body/trackIds/1', 'body/trackIds/2']);
    expect(trackOrder((await api.get(playlist.id, auth)).json())).toEqual([a.id]);
  });

  it('refuses strangers, and hides private playlists from them', async () => {
    const playlist = await playlistOf([a.id]);
    expectProblem(await api.add(playlist.id, other, [b.id]), 403, 'NOT_PLAYLIST_EDITOR');
    expectProblem(await api.move(playlist.id, playlist.items[0]!.id, other, 0), 403, 'NOT_PLAYLIST_EDITOR');
    expectProblem(await api.remove(playlist.id, playlist.items[0]!.id, other), 403, 'NOT_PLAYLIST_EDITOR');
    await api.call('PATCH', `/playlists/${playlist.id}`, auth, { visibility: 'private' });
    expectProblem(await api.add(playlist.id, other, [b.id]), 404, 'PLAYLIST_NOT_FOUND');
  });
});

describe('a full playlist', () => {
  it(`refuses tracks past ${PLAYLIST_ITEMS_MAX}, adding none of them`, async () => {
    const playlist = await playlistOf([a.id]);
    await sql`
      INSERT INTO playlist_items (playlist_id, track_id, position)
      SELECT ${playlist.id}::uuid, ${a.id}::uuid, n FROM generate_series(1, ${PLAYLIST_ITEMS_MAX - 2}) AS n
    `.execute(c.db);
    expectProblem(await api.add(playlist.id, auth, [b.id, c3.id]), 409, 'PLAYLIST_FULL');
    const res = await api.add(playlist.id, auth, [b.id], 0);
    expect(res.statusCode).toBe(200);
    const full = res.json<PlaylistDetail>();
    expect(full.itemCount).toBe(PLAYLIST_ITEMS_MAX);
    expect(full.items[0]).toMatchObject({ position: 0, track: { id: b.id } });
    expect(full.items.at(-1)?.position).toBe(PLAYLIST_ITEMS_MAX - 1);
  });
});

describe('If-Match', () => {
  it('applies an edit made on the current version and refuses a stale one with 412', async () => {
    const playlist = await playlistOf([a.id, b.id]);
    const item = playlist.items[0]!.id;
    const fresh = await api.move(playlist.id, item, auth, 1, { 'if-match': `"${playlist.version}"` });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe(`"${playlist.version + 1}"`);
    const stale = { 'if-match': `"${playlist.version}"` };
    expectProblem(await api.move(playlist.id, item, auth, 0, stale), 412, 'PLAYLIST_VERSION_MISMATCH');
    expectProblem(await api.add(playlist.id, auth, [c3.id], 0, stale), 412, 'PLAYLIST_VERSION_MISMATCH');
    expectProblem(await api.remove(playlist.id, item, auth, stale), 412, 'PLAYLIST_VERSION_MISMATCH');
    expectProblem(
      await api.call('PATCH', `/playlists/${playlist.id}`, auth, { title: 'x' }, stale),
      412,
      'PLAYLIST_VERSION_MISMATCH',
    );
    expectProblem(await api.call('DELETE', `/playlists/${playlist.id}`, auth, undefined, stale), 412);
    expectProblem(await api.move(playlist.id, item, auth, 0, { 'if-match': 'garbage' }), 412);
    expect((await api.move(playlist.id, item, auth, 0, { 'if-match': `W/"${playlist.version + 1}"` })).statusCode).toBe(
      200,
    );
    expect((await api.move(playlist.id, item, auth, 1, { 'if-match': '*' })).statusCode).toBe(200);
    expect(trackOrder((await api.get(playlist.id, auth)).json())).toEqual([b.id, a.id]);
  });
});

describe('unavailable items', () => {
  it('say nothing of a track the viewer may not see, to others; the track’s owner sees it', async () => {
    const artist = await given.artist();
    const artistAuth = (await given.session(artist)).auth;
    const privateTrack = await given.track({ owner: artist, visibility: 'private', title: 'Secret' });
    const failed = await given.track({ owner: artist, status: 'failed', title: 'Broken' });
    const processing = await given.track({ owner: artist, status: 'processing', title: 'Soon' });
    const doomed = await given.track({ owner: artist, title: 'Doomed' });
    const playlist = await api.create(artistAuth);
    await api.add(playlist.id, artistAuth, [a.id, privateTrack.id, failed.id, processing.id, doomed.id]);
    expect((await api.call('DELETE', `/tracks/${doomed.id}`, artistAuth)).statusCode).toBe(204);

    for (const viewer of [other, undefined]) {
      const res = await api.get(playlist.id, viewer);
      const seen = res.json<PlaylistDetail>();
      expect(seen.items.map((item) => item.available)).toEqual([true, false, false, false, false]);
      for (const item of seen.items.slice(1)) expect(Object.keys(item).sort()).toEqual(['available', 'id', 'position']);
      for (const hidden of [privateTrack, failed, processing]) {
        expect(res.body).not.toContain(hidden.title);
        expect(res.body).not.toContain(hidden.id);
      }
    }
    const own = (await api.get(playlist.id, artistAuth)).json<PlaylistDetail>();
    expect(own.items.map((item) => item.available)).toEqual([true, true, true, true, false]);
    expect(own.itemCount).toBe(5);
  });
});

describe('bad input', () => {
  it('answers 4xx problems for each item route', async () => {
    const playlist = await playlistOf([a.id]);
    const item = playlist.items[0]!.id;
    const post = (payload: object) => api.call('POST', `/playlists/${playlist.id}/tracks`, auth, payload);
    expectProblem(await post({ trackIds: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ trackIds: ['nope'] }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ trackIds: Array.from({ length: 101 }, () => a.id) }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ trackIds: [a.id], position: -1 }), 400, 'VALIDATION_FAILED');
    expectProblem(await post({ trackIds: [a.id], extra: 1 }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.add(randomUUID(), auth, [a.id]), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(await api.add(playlist.id, undefined, [a.id]), 401);
    const put = (payload: object) =>
      api.call('PUT', `/playlists/${playlist.id}/tracks/${item}/position`, auth, payload);
    expectProblem(await put({}), 400, 'VALIDATION_FAILED');
    expectProblem(await put({ position: 'first' }), 400, 'VALIDATION_FAILED');
    expectProblem(await put({ position: 1.5 }), 400, 'VALIDATION_FAILED');
    expectProblem(await api.move(playlist.id, randomUUID(), auth, 0), 404, 'PLAYLIST_ITEM_NOT_FOUND');
    expectProblem(await api.move(playlist.id, 'x', auth, 0), 400, 'VALIDATION_FAILED');
    expectProblem(await api.remove(playlist.id, randomUUID(), auth), 404, 'PLAYLIST_ITEM_NOT_FOUND');
    expectProblem(await api.remove(randomUUID(), item, auth), 404, 'PLAYLIST_NOT_FOUND');
    const elsewhere = await playlistOf([b.id]);
    expectProblem(await api.move(elsewhere.id, item, auth, 0), 404, 'PLAYLIST_ITEM_NOT_FOUND');
  });
});
