import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import type { PlaylistDetail } from './library.schemas';
import { playlistRequests, trackOrder } from './playlist-requests';

const { app, c, clock, given } = await createTestApp();
const api = playlistRequests(app, clock);
const owner = await given.user();
const auth = (await given.session(owner)).auth;
const copier = await given.user();
const copierAuth = (await given.session(copier)).auth;
const tracks = await Promise.all(Array.from({ length: 6 }, (_, i) => given.track({ title: `T${i}` })));

async function sourcePlaylist(visibility: 'public' | 'private' = 'public'): Promise<PlaylistDetail> {
  const playlist = await api.create(auth, { title: 'Road trip', visibility, description: 'Long drive' });
  const ids = tracks.map((t) => t.id);
  return (await api.add(playlist.id, auth, [...ids, ids[0]!])).json<PlaylistDetail>();
}

const copiesOf = (userId: string) =>
  c.db
    .selectFrom('playlists')
    .select('id')
    .where('owner_id', '=', userId)
    .where('title', 'like', 'Copy of %')
    .execute();

async function countEvents(): Promise<number> {
  const row = await c.db
    .selectFrom('event_outbox')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('duplicating a playlist', () => {
  it('makes a private "Copy of …" owned by the caller, same order, new item ids', async () => {
    const source = await sourcePlaylist();
    const res = await api.call('POST', `/playlists/${source.id}/duplicate`, copierAuth);
    expect(res.statusCode).toBe(201);
    const copy = res.json<PlaylistDetail>();
    expect(copy).toMatchObject({
      title: 'Copy of Road trip',
      description: 'Long drive',
      visibility: 'private',
      version: 1,
      owner: { id: copier.id },
      viewerRole: 'owner',
      collaborators: [],
      itemCount: 7,
    });
    expect(trackOrder(copy)).toEqual(trackOrder(source));
    expect(copy.items.map((i) => i.id)).not.toContain(source.items[0]!.id);
    expect(res.headers.etag).toBe('"1"');
    // The source is untouched.
    expect((await api.get(source.id, auth)).json()).toMatchObject({ version: source.version, itemCount: 7 });
  });

  it('keeps a long title within bounds', async () => {
    const playlist = await api.create(auth, { title: 'x'.repeat(200) });
    const copy = (await api.call('POST', `/playlists/${playlist.id}/duplicate`, auth)).json<PlaylistDetail>();
    expect(copy.title).toHaveLength(200);
    expect(copy.title.startsWith('Copy of x')).toBe(true);
  });

  it('does not copy what the caller may not see', async () => {
    const source = await sourcePlaylist('private');
    expectProblem(await api.call('POST', `/playlists/${source.id}/duplicate`, copierAuth), 404, 'PLAYLIST_NOT_FOUND');
    expectProblem(await api.call('POST', `/playlists/${source.id}/duplicate`, undefined), 401);
    expectProblem(await api.call('POST', '/playlists/nope/duplicate', copierAuth), 400, 'VALIDATION_FAILED');
  });

  it('leaves no copy at all when it fails after half the items', async () => {
    const source = await sourcePlaylist();
    const loner = await given.user();
    const lonerAuth = (await given.session(loner)).auth;
    // A real failure inside the copy's transaction: the fourth item of any
    // playlist but the source raises, once three are already written. The
    // sequence (not transactional) counts the rows the trigger saw.
    await sql`CREATE SEQUENCE copy_rows_seen`.execute(c.db);
    await sql`
      CREATE FUNCTION fail_halfway() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.playlist_id <> ${sql.lit(source.id)}::uuid THEN
          PERFORM nextval('copy_rows_seen');
          IF (SELECT count(*) FROM playlist_items WHERE playlist_id = NEW.playlist_id) >= 3 THEN
            RAISE EXCEPTION 'injected failure halfway through the copy';
          END IF;
        END IF;
        RETURN NEW;
      END $$
    `.execute(c.db);
    await sql`CREATE TRIGGER fail_halfway BEFORE INSERT ON playlist_items FOR EACH ROW EXECUTE FUNCTION fail_halfway()`.execute(
      c.db,
    );
    const eventsBefore = await countEvents();
    try {
      const res = await api.call('POST', `/playlists/${source.id}/duplicate`, lonerAuth);
      expect(res.statusCode).toBe(500);
      const seen = await sql<{ last_value: string }>`SELECT last_value FROM copy_rows_seen`.execute(c.db);
      expect(Number(seen.rows[0]?.last_value)).toBe(4);
    } finally {
      await sql`DROP TRIGGER fail_halfway ON playlist_items`.execute(c.db);
      await sql`DROP FUNCTION fail_halfway()`.execute(c.db);
      await sql`DROP SEQUENCE copy_rows_seen`.execute(c.db);
    }
    expect(await c.db.selectFrom('playlists').select('id').where('owner_id', '=', loner.id).execute()).toEqual([]);
    const strayItems = await c.db.selectFrom('playlist_items').select('id').where('added_by', '=', loner.id).execute();
    expect(strayItems).toEqual([]);
    expect(await countEvents()).toBe(eventsBefore);
    // And without the failure, the same copy goes through.
    expect((await api.call('POST', `/playlists/${source.id}/duplicate`, lonerAuth)).statusCode).toBe(201);
    expect(await copiesOf(loner.id)).toHaveLength(1);
  });
});
