import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, UserRole } from '@/platform/db/schema';
import type { Clock } from '@/platform/clock/clock';
import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { DbOrTx } from '@/platform/db/db';
import type { NewTrack, TrackRow, TrackStatus, TrackUpdate } from './tracks.tables';

/** A track row with the artist's public names, what every track answer shows. */
export type TrackWithArtist = TrackRow & { artist_username: string; artist_display_name: string | null };
/** Enough of a track to decide what may be done to it: whose it is and how it is shown. */
export type TrackRef = Pick<TrackRow, 'id' | 'owner_id' | 'visibility' | 'status'>;

/** Which status may follow which: a failed track can be retried, a ready one re-processed never. */
const NEXT: Record<TrackStatus, readonly TrackStatus[]> = {
  processing: ['ready', 'failed'],
  failed: ['processing'],
  ready: [],
};

export class IllegalTrackTransition extends Error {
  constructor(
    readonly from: TrackStatus,
    readonly to: TrackStatus,
  ) {
    super(`a track cannot go from ${from} to ${to}`);
  }
}

/** Who is asking: anonymous listeners are undefined. */
export type Viewer = { userId: string; role: UserRole } | undefined;

/**
 * The one rule for "tracks this viewer may see", as SQL: ready tracks that
 * are not private, plus all of the viewer's own; admins see everything.
 * Every query that fetches or lists tracks for someone goes through it.
 */
export function visibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'tracks'>) => {
    if (viewer?.role === 'admin') return eb.val(true);
    const anyone = eb.and([eb('tracks.status', '=', 'ready'), eb('tracks.visibility', '!=', 'private')]);
    return viewer ? eb.or([anyone, eb('tracks.owner_id', '=', viewer.userId)]) : anyone;
  };
}

/** SQL for the tracks table, nothing else. */
export class TracksRepo {
  constructor(
    private readonly db: DbOrTx,
    private readonly clock: Clock,
  ) {}

  insert(track: NewTrack, trx?: DbOrTx): Promise<TrackRow> {
    return (trx ?? this.db).insertInto('tracks').values(track).returningAll().executeTakeFirstOrThrow();
  }

  byId(id: string, trx?: DbOrTx): Promise<TrackRow | undefined> {
    return (trx ?? this.db).selectFrom('tracks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A track the viewer may see, or undefined: for them, a hidden track does not exist. */
  visibleWithArtist(id: string, viewer: Viewer): Promise<TrackWithArtist | undefined> {
    return this.selectWithArtist().where('tracks.id', '=', id).where(visibleTo(viewer)).executeTakeFirst();
  }

  /** `visibleWithArtist` without the join and the row's large columns (waveform, description): for checks. */
  visibleRef(id: string, viewer: Viewer): Promise<TrackRef | undefined> {
    return this.db
      .selectFrom('tracks')
      .select(['id', 'owner_id', 'visibility', 'status'])
      .where('id', '=', id)
      .where(visibleTo(viewer))
      .executeTakeFirst();
  }

  /** The tracks among `ids` the viewer may see, in no particular order. */
  visibleWithArtistByIds(ids: readonly string[], viewer: Viewer): Promise<TrackWithArtist[]> {
    return this.selectWithArtist().where('tracks.id', 'in', ids).where(visibleTo(viewer)).execute();
  }

  /** The row of a track the viewer may see (for changes, which then check ownership). */
  visibleById(id: string, viewer: Viewer): Promise<TrackRow | undefined> {
    return this.db.selectFrom('tracks').selectAll().where('id', '=', id).where(visibleTo(viewer)).executeTakeFirst();
  }

  /** Tracks with their artist whatever their state, for indexing elsewhere (search). */
  withArtistByIds(ids: readonly string[]): Promise<TrackWithArtist[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.selectWithArtist().where('tracks.id', 'in', ids).execute();
  }

  /** A batch in id order after `afterId`, optionally of one owner: bulk indexing walks every track with it. */
  withArtistAfter(opts: { afterId?: string; ownerId?: string; limit: number }): Promise<TrackWithArtist[]> {
    let query = this.selectWithArtist();
    if (opts.afterId) query = query.where('tracks.id', '>', opts.afterId);
    if (opts.ownerId) query = query.where('tracks.owner_id', '=', opts.ownerId);
    return query.orderBy('tracks.id').limit(opts.limit).execute();
  }

  /**
   * Of these tracks, those the viewer may come across without a link:
   * ready and public, or ready and their own (`visibleTo` still applies).
   * Unlisted tracks are found only by their owner.
   */
  findableWithArtist(ids: readonly string[], viewer: Viewer): Promise<TrackWithArtist[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.selectWithArtist()
      .where('tracks.id', 'in', ids)
      .where(visibleTo(viewer))
      .where('tracks.status', '=', 'ready')
      .where((eb) =>
        viewer
          ? eb.or([eb('tracks.visibility', '=', 'public'), eb('tracks.owner_id', '=', viewer.userId)])
          : eb('tracks.visibility', '=', 'public'),
      )
      .execute();
  }

  /** Newest first, keyset-paginated; `limit + 1` rows tell the caller whether a next page exists. */
  listByOwner(ownerId: string, viewer: Viewer, opts: PageRequest): Promise<TrackWithArtist[]> {
    return this.page(this.selectWithArtist().where('tracks.owner_id', '=', ownerId).where(visibleTo(viewer)), opts);
  }

  /** What anyone may browse: what anonymous listeners may see, and listed (unlisted ones are only linked). */
  listPublic(opts: PageRequest): Promise<TrackWithArtist[]> {
    const query = this.selectWithArtist().where(visibleTo(undefined)).where('tracks.visibility', '=', 'public');
    return this.page(query, opts);
  }

  /**
   * Listed tracks (ready and public), newest first, optionally of one genre
   * (case-insensitive) and leaving out some owners (those a viewer blocked,
   * or who blocked them): what discover browses.
   */
  browsePublic(opts: PageRequest & { genre?: string | undefined; excludeOwnerIds: readonly string[] }) {
    let query = this.selectWithArtist().where('tracks.status', '=', 'ready').where('tracks.visibility', '=', 'public');
    if (opts.genre !== undefined) {
      query = query.where(sql<string>`lower(tracks.genre)`, '=', opts.genre.toLowerCase());
    }
    if (opts.excludeOwnerIds.length > 0) query = query.where('tracks.owner_id', 'not in', opts.excludeOwnerIds);
    return this.page(query, opts);
  }

  /** Genres of listed tracks with how many each has, most first; spelled as most of their tracks spell them. */
  publicGenres(opts: { excludeOwnerIds: readonly string[]; limit: number }) {
    let query = this.db
      .selectFrom('tracks')
      .select([
        sql<string>`mode() WITHIN GROUP (ORDER BY tracks.genre)`.as('genre'),
        sql<number>`count(*)::int`.as('count'),
      ])
      .where('tracks.status', '=', 'ready')
      .where('tracks.visibility', '=', 'public')
      .where(sql<string>`btrim(tracks.genre)`, '!=', '')
      .groupBy(sql`lower(tracks.genre)`);
    if (opts.excludeOwnerIds.length > 0) query = query.where('tracks.owner_id', 'not in', opts.excludeOwnerIds);
    return query.orderBy('count', 'desc').orderBy('genre').limit(opts.limit).execute();
  }

  /** One owner's ready tracks a viewer may come across on their profile: public ones, all of them for the owner. */
  listForProfile(ownerId: string, viewer: Viewer, opts: PageRequest): Promise<TrackWithArtist[]> {
    let query = this.selectWithArtist().where('tracks.owner_id', '=', ownerId).where('tracks.status', '=', 'ready');
    if (viewer?.userId !== ownerId) query = query.where('tracks.visibility', '=', 'public');
    return this.page(query, opts);
  }

  private page(base: ReturnType<TracksRepo['selectWithArtist']>, opts: PageRequest): Promise<TrackWithArtist[]> {
    const { after } = opts;
    const query = after ? base.where(olderThan('tracks.created_at', 'tracks.id', after)) : base;
    return query
      .orderBy('tracks.created_at', 'desc')
      .orderBy('tracks.id', 'desc')
      .limit(opts.limit + 1)
      .execute();
  }

  /** Metadata edits only; status has its own guarded path. */
  async update(
    id: string,
    fields: Omit<TrackUpdate, 'status' | 'id' | 'owner_id'>,
    trx?: DbOrTx,
  ): Promise<TrackRow | null> {
    const row = await (trx ?? this.db)
      .updateTable('tracks')
      .set({ ...fields, updated_at: this.clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  async incrementPlayCount(id: string): Promise<void> {
    await this.db
      .updateTable('tracks')
      .set({ play_count: sql`play_count + 1` })
      .where('id', '=', id)
      .execute();
  }

  /** `counter + delta` (a zero delta only reads); undefined when the track is gone. */
  async adjustEngagement(
    id: string,
    column: 'like_count' | 'repost_count' | 'comment_count',
    delta: number,
  ): Promise<number | undefined> {
    if (delta === 0) {
      const row = await this.db.selectFrom('tracks').select(column).where('id', '=', id).executeTakeFirst();
      return row?.[column];
    }
    const row = await this.db
      .updateTable('tracks')
      .set({ [column]: sql<number>`${sql.ref(column)} + ${delta}` })
      .where('id', '=', id)
      .returning(column)
      .executeTakeFirst();
    return row?.[column];
  }

  async delete(id: string, trx?: DbOrTx): Promise<TrackRow | null> {
    const row = await (trx ?? this.db).deleteFrom('tracks').where('id', '=', id).returningAll().executeTakeFirst();
    return row ?? null;
  }

  /**
   * The one way a track changes status: `UPDATE … WHERE status = from`.
   * Null when the row was not in `from` any more (someone else won, or it
   * is gone); the caller decides whether that matters.
   */
  async transition(
    id: string,
    from: TrackStatus,
    to: TrackStatus,
    fields: Omit<TrackUpdate, 'status' | 'id'> = {},
    opts: { trx?: DbOrTx; attempt?: string } = {},
  ): Promise<TrackRow | null> {
    if (!NEXT[from].includes(to)) throw new IllegalTrackTransition(from, to);
    let query = (opts.trx ?? this.db)
      .updateTable('tracks')
      .set({ ...fields, status: to, updated_at: this.clock.now() })
      .where('id', '=', id)
      .where('status', '=', from);
    // A processing attempt only finishes the track it still holds (a resumed attempt may have taken over).
    if (opts.attempt) query = query.where('processing_version', '=', opts.attempt);
    const row = await query.returningAll().executeTakeFirst();
    return row ?? null;
  }

  /** Oldest first, so a sweep that stops at its batch limit makes progress on the next run. */
  processingCreatedBefore(cutoff: Date, limit: number): Promise<Pick<TrackRow, 'id' | 'file_path' | 'created_at'>[]> {
    return this.db
      .selectFrom('tracks')
      .select(['id', 'file_path', 'created_at'])
      .where('status', '=', 'processing')
      .where('created_at', '<', cutoff)
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }

  /**
   * Hands a processing track to an attempt when nobody holds it or its
   * holder stopped beating (a killed worker). Null when another live
   * attempt holds it, or it is no longer processing.
   */
  async claim(id: string, attempt: string, now: Date, staleBefore: Date): Promise<TrackRow | null> {
    const row = await this.db
      .updateTable('tracks')
      .set({ processing_version: attempt, heartbeat_at: now, progress: 0, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  /** Proof of life and progress of the attempt holding the track; false once it lost the track. */
  async heartbeat(id: string, attempt: string, now: Date, progress?: number): Promise<boolean> {
    const result = await this.db
      .updateTable('tracks')
      .set({ heartbeat_at: now, ...(progress !== undefined ? { progress } : {}) })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .where('processing_version', '=', attempt)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Lets go of a track after a failed attempt that will be retried, so the retry can claim it at once. */
  async release(id: string, attempt: string): Promise<void> {
    await this.db
      .updateTable('tracks')
      .set({ heartbeat_at: null })
      .where('id', '=', id)
      .where('processing_version', '=', attempt)
      .execute();
  }

  /** Processing tracks nobody is working on: never claimed for a while, or their holder went silent. */
  stalled(opts: { unclaimedBefore: Date; silentBefore: Date; limit: number }): Promise<Pick<TrackRow, 'id'>[]> {
    return (
      this.db
        .selectFrom('tracks')
        .select('id')
        .where('status', '=', 'processing')
        // Set once the upload is fully stored: a slow upload still streaming is not stalled.
        .where('original_bytes', 'is not', null)
        .where((eb) =>
          eb.or([
            eb.and([eb('heartbeat_at', 'is', null), eb('updated_at', '<', opts.unclaimedBefore)]),
            eb('heartbeat_at', '<', opts.silentBefore),
          ]),
        )
        .orderBy('created_at')
        .limit(opts.limit)
        .execute()
    );
  }

  private selectWithArtist() {
    return this.db
      .selectFrom('tracks')
      .innerJoin('users', 'users.id', 'tracks.owner_id')
      .selectAll('tracks')
      .select(['users.username as artist_username', 'users.display_name as artist_display_name']);
  }
}
