import { sql } from 'kysely';
import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { DbOrTx } from '@/platform/db/db';
import type { PlaylistItemRow, PlaylistRow, PlaylistVisibility } from './library.tables';
import './library.tables';

/** SQL for playlists, their items and collaborators, nothing else. */
export class LibraryRepo {
  constructor(private readonly db: DbOrTx) {}

  insertPlaylist(
    p: {
      owner_id: string;
      title: string;
      description: string | null;
      visibility: PlaylistVisibility;
      created_at: Date;
    },
    trx?: DbOrTx,
  ): Promise<PlaylistRow> {
    return (trx ?? this.db)
      .insertInto('playlists')
      .values({ ...p, updated_at: p.created_at })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  byId(id: string, trx?: DbOrTx): Promise<PlaylistRow | undefined> {
    return (trx ?? this.db).selectFrom('playlists').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The row, locked until the transaction ends: every edit of a playlist takes this first, so edits queue. */
  lock(id: string, trx: DbOrTx): Promise<PlaylistRow | undefined> {
    return trx.selectFrom('playlists').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** Any change moves the version (and updated_at) along with the given fields. */
  bump(
    id: string,
    fields: { title?: string; description?: string | null; visibility?: PlaylistVisibility; cover_key?: string | null },
    now: Date,
    trx: DbOrTx,
  ): Promise<PlaylistRow> {
    return trx
      .updateTable('playlists')
      .set({ ...fields, version: sql`version + 1`, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** `counter + delta` (a zero delta only reads, taking no row lock); undefined when the playlist is gone. */
  async adjustEngagement(
    id: string,
    column: 'like_count' | 'repost_count',
    delta: number,
    trx: DbOrTx,
  ): Promise<number | undefined> {
    if (delta === 0) {
      const row = await trx.selectFrom('playlists').select(column).where('id', '=', id).executeTakeFirst();
      return row?.[column];
    }
    const row = await trx
      .updateTable('playlists')
      .set({ [column]: sql<number>`${sql.ref(column)} + ${delta}` })
      .where('id', '=', id)
      .returning(column)
      .executeTakeFirst();
    return row?.[column];
  }

  /**
   * Points the playlist at a new mosaic only if it still shows the one the
   * job started from: of two racing renders, one wins and the other's
   * files are dropped. False when the row moved on (or is gone).
   */
  async swapMosaic(id: string, from: string | null, to: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('playlists')
      .set({ mosaic_key: to })
      .where('id', '=', id)
      .where(sql<boolean>`mosaic_key IS NOT DISTINCT FROM ${from}`)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The playlists that hold a track (its cover or visibility changed: their mosaics may too). */
  async playlistIdsWithTrack(trackId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('playlist_items')
      .select('playlist_id')
      .distinct()
      .where('track_id', '=', trackId)
      .limit(limit)
      .execute();
    return rows.map((r) => r.playlist_id);
  }

  async delete(id: string, trx: DbOrTx): Promise<void> {
    await trx.deleteFrom('playlists').where('id', '=', id).execute();
  }

  /** Newest first; `limit + 1` rows tell the caller whether a next page exists. */
  listByOwner(ownerId: string, opts: PageRequest & { publicOnly: boolean }): Promise<PlaylistRow[]> {
    let query = this.selectPlaylists().where('owner_id', '=', ownerId);
    if (opts.publicOnly) query = query.where('visibility', '=', 'public');
    return this.page(query, opts);
  }

  /** The playlists a user owns or collaborates on, newest first. */
  listEditable(userId: string, opts: PageRequest): Promise<PlaylistRow[]> {
    const query = this.selectPlaylists().where((eb) =>
      eb.or([
        eb('owner_id', '=', userId),
        eb('id', 'in', eb.selectFrom('playlist_collaborators').select('playlist_id').where('user_id', '=', userId)),
      ]),
    );
    return this.page(query, opts);
  }

  byIds(ids: readonly string[]): Promise<PlaylistRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.selectPlaylists().where('id', 'in', ids).execute();
  }

  /** A batch in id order after `afterId`, optionally of one owner: bulk indexing walks every playlist with it. */
  after(opts: { afterId?: string | undefined; ownerId?: string | undefined; limit: number }): Promise<PlaylistRow[]> {
    let query = this.selectPlaylists();
    if (opts.afterId) query = query.where('id', '>', opts.afterId);
    if (opts.ownerId) query = query.where('owner_id', '=', opts.ownerId);
    return query.orderBy('id').limit(opts.limit).execute();
  }

  private page(base: ReturnType<LibraryRepo['selectPlaylists']>, opts: PageRequest): Promise<PlaylistRow[]> {
    const { after } = opts;
    const query = after ? base.where(olderThan('created_at', 'id', after)) : base;
    return query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit + 1)
      .execute();
  }

  private selectPlaylists() {
    return this.db.selectFrom('playlists').selectAll();
  }

  async itemCounts(playlistIds: string[]): Promise<Map<string, number>> {
    if (playlistIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('playlist_items')
      .select(['playlist_id', sql<number>`count(*)::int`.as('count')])
      .where('playlist_id', 'in', playlistIds)
      .groupBy('playlist_id')
      .execute();
    return new Map(rows.map((r) => [r.playlist_id, r.count]));
  }

  items(playlistId: string, trx?: DbOrTx): Promise<PlaylistItemRow[]> {
    return (trx ?? this.db)
      .selectFrom('playlist_items')
      .selectAll()
      .where('playlist_id', '=', playlistId)
      .orderBy('position')
      .execute();
  }

  async insertItems(
    items: { id: string; playlist_id: string; track_id: string; position: number; added_by: string; added_at: Date }[],
    trx: DbOrTx,
  ): Promise<void> {
    if (items.length > 0) await trx.insertInto('playlist_items').values(items).execute();
  }

  async deleteItem(playlistId: string, itemId: string, trx: DbOrTx): Promise<void> {
    await trx.deleteFrom('playlist_items').where('playlist_id', '=', playlistId).where('id', '=', itemId).execute();
  }

  /**
   * Gives each item its index in `orderedIds` as position, in one statement,
   * touching only the rows that move; the deferred unique constraint on
   * (playlist, position) checks the result at commit.
   */
  async renumber(playlistId: string, orderedIds: string[], trx: DbOrTx): Promise<void> {
    if (orderedIds.length === 0) return;
    const positions = orderedIds.map((_, i) => i);
    await sql`
      UPDATE playlist_items AS i SET position = v.position
      FROM unnest(${orderedIds}::uuid[], ${positions}::int[]) AS v(id, position)
      WHERE i.id = v.id AND i.playlist_id = ${playlistId} AND i.position <> v.position
    `.execute(trx);
  }

  /** Every item of one playlist into another, same positions, in one statement. */
  async copyItems(fromId: string, toId: string, addedBy: string, now: Date, trx: DbOrTx): Promise<void> {
    await trx
      .insertInto('playlist_items')
      .columns(['playlist_id', 'track_id', 'position', 'added_by', 'added_at'])
      .expression((eb) =>
        eb
          .selectFrom('playlist_items')
          .select([
            eb.val(toId).as('playlist_id'),
            'track_id',
            'position',
            eb.val(addedBy).as('added_by'),
            eb.val(now).as('added_at'),
          ])
          .where('playlist_id', '=', fromId)
          .orderBy('position'),
      )
      .execute();
  }

  async isCollaborator(playlistId: string, userId: string, trx?: DbOrTx): Promise<boolean> {
    const row = await (trx ?? this.db)
      .selectFrom('playlist_collaborators')
      .select('user_id')
      .where('playlist_id', '=', playlistId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async collaboratorIds(playlistId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('playlist_collaborators')
      .select('user_id')
      .where('playlist_id', '=', playlistId)
      .orderBy('added_at')
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async addCollaborator(playlistId: string, userId: string, now: Date, trx: DbOrTx): Promise<void> {
    await trx
      .insertInto('playlist_collaborators')
      .values({ playlist_id: playlistId, user_id: userId, added_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeCollaborator(playlistId: string, userId: string, trx: DbOrTx): Promise<void> {
    await trx
      .deleteFrom('playlist_collaborators')
      .where('playlist_id', '=', playlistId)
      .where('user_id', '=', userId)
      .execute();
  }
}
