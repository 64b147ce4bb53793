import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import type { PlaylistDetail } from './library.schemas';
import { playlistRequests } from './playlist-requests';

const { app, c, clock, given } = await createTestApp();
const api = playlistRequests(app, clock);
const owner = await given.user();
const friend = await given.user();
const editors = [(await given.session(owner)).auth, (await given.session(friend)).auth];
const tracks = await Promise.all(Array.from({ length: 20 }, () => given.track()));

describe('concurrent edits by two collaborators', () => {
  it('keep positions dense and unique, losing and doubling nothing', async () => {
    const playlist = await api.create(editors[0], { visibility: 'private' });
    await api.invite(playlist.id, editors[0], friend.username);
    const initial = (
      await api.add(
        playlist.id,
        editors[0],
        tracks.slice(0, 10).map((t) => t.id),
      )
    ).json<PlaylistDetail>();
    const initialIds = initial.items.map((item) => item.id);

    // 20 requests at once, alternating editors: moves of existing items to
    // scattered positions, and inserts of new tracks at scattered positions.
    const inserted: string[] = [];
    const requests = Array.from({ length: 20 }, (_, i) => {
      const auth = editors[i % 2];
      if (i % 2 === 0) return api.move(playlist.id, initialIds[(i * 7) % 10]!, auth, (i * 3) % 12);
      const trackId = tracks[10 + (i - 1) / 2]!.id;
      inserted.push(trackId);
      return api.add(playlist.id, auth, [trackId], (i * 5) % 9);
    });
    const answers = await Promise.all(requests);
    expect(answers.map((res) => res.statusCode)).toEqual(answers.map(() => 200));

    const final = (await api.get(playlist.id, editors[1])).json<PlaylistDetail>();
    expect(final.version).toBe(initial.version + 20);
    expect(final.items.map((item) => item.position)).toEqual(final.items.map((_, i) => i));
    const ids = final.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(20);
    expect(ids).toEqual(expect.arrayContaining(initialIds));
    const trackIds = final.items.map((item) => (item.available ? item.track.id : 'unavailable'));
    expect([...trackIds].sort()).toEqual([...tracks.slice(0, 10).map((t) => t.id), ...inserted].sort());

    // The rows themselves, straight from the table.
    const rows = await c.db
      .selectFrom('playlist_items')
      .select(['id', 'position'])
      .where('playlist_id', '=', playlist.id)
      .orderBy('position')
      .execute();
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i));
    expect(rows.map((r) => r.id)).toEqual(ids);
  });
});
