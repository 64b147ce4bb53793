import type { DbOrTx } from '@/platform/db/db';
import type { NewTrack, TrackRow, TrackStatus, TrackUpdate } from '@/platform/db/schema';

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

/** SQL for the tracks table, nothing else. */
export class TracksRepo {
  constructor(private readonly db: DbOrTx) {}

  insert(track: NewTrack, trx?: DbOrTx): Promise<TrackRow> {
    return (trx ?? this.db).insertInto('tracks').values(track).returningAll().executeTakeFirstOrThrow();
  }

  byId(id: string, trx?: DbOrTx): Promise<TrackRow | undefined> {
    return (trx ?? this.db).selectFrom('tracks').selectAll().where('id', '=', id).executeTakeFirst();
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
    trx?: DbOrTx,
  ): Promise<TrackRow | null> {
    if (!NEXT[from].includes(to)) throw new IllegalTrackTransition(from, to);
    const row = await (trx ?? this.db)
      .updateTable('tracks')
      .set({ ...fields, status: to, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', from)
      .returningAll()
      .executeTakeFirst();
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
}
