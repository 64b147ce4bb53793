import { sql } from 'kysely';
import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { DbOrTx } from '@/platform/db/db';
import './plays.tables';

/** SQL for play sessions and the listening history, nothing else. */
export class PlaysRepo {
  constructor(private readonly db: DbOrTx) {}

  async sessionExists(sessionId: string, trackId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('play_sessions')
      .select('session_id')
      .where('session_id', '=', sessionId)
      .where('track_id', '=', trackId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The playback's row, created on its first report; `updated_at` moves on every report. */
  touchSession(
    s: { sessionId: string; trackId: string; userId: string | null; now: Date },
    trx?: DbOrTx,
  ): Promise<{ created_at: Date; listened_ms: number; counted_at: Date | null }> {
    return (trx ?? this.db)
      .insertInto('play_sessions')
      .values({ session_id: s.sessionId, track_id: s.trackId, user_id: s.userId, created_at: s.now, updated_at: s.now })
      .onConflict((oc) => oc.columns(['session_id', 'track_id']).doUpdateSet({ updated_at: s.now }))
      .returning(['created_at', 'listened_ms', 'counted_at'])
      .executeTakeFirstOrThrow();
  }

  /**
   * Records the time heard; with `countedAt`, also marks the playback
   * counted, guarded on `counted_at IS NULL`. False when another report
   * counted it first.
   */
  async recordListening(
    s: { sessionId: string; trackId: string; listenedMs: number; countedAt?: Date },
    trx?: DbOrTx,
  ): Promise<boolean> {
    const result = await (trx ?? this.db)
      .updateTable('play_sessions')
      .set({ listened_ms: s.listenedMs, ...(s.countedAt ? { counted_at: s.countedAt } : {}) })
      .where('session_id', '=', s.sessionId)
      .where('track_id', '=', s.trackId)
      .$if(s.countedAt !== undefined, (q) => q.where('counted_at', 'is', null))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async addToHistory(
    h: { userId: string | null; trackId: string; playedAt: Date; listenedMs: number },
    trx?: DbOrTx,
  ): Promise<void> {
    await (trx ?? this.db)
      .insertInto('playback_history')
      .values({ user_id: h.userId, track_id: h.trackId, played_at: h.playedAt, listened_ms: h.listenedMs })
      .execute();
  }

  /** One listener's plays, newest first, keyset-paginated; `limit + 1` rows tell whether more exist. */
  history(userId: string, opts: PageRequest): Promise<{ id: string; track_id: string; played_at: Date }[]> {
    const { after } = opts;
    return this.db
      .selectFrom('playback_history')
      .select(['id', 'track_id', 'played_at'])
      .where('user_id', '=', userId)
      .$if(after !== undefined, (q) => q.where(olderThan('played_at', 'id', after!)))
      .orderBy('played_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit + 1)
      .execute();
  }

  /**
   * Forgets who listened, not that the plays happened: the rows stay for
   * the artists' statistics (and trending), no longer linked to the listener.
   */
  async clearHistory(userId: string): Promise<void> {
    await this.db.updateTable('playback_history').set({ user_id: null }).where('user_id', '=', userId).execute();
  }

  /** Counted plays per UTC day (YYYY-MM-DD) of one artist's tracks since a date. */
  playsPerDay(ownerId: string, since: Date): Promise<{ date: string; plays: number }[]> {
    return this.db
      .selectFrom('playback_history')
      .innerJoin('tracks', 'tracks.id', 'playback_history.track_id')
      .select([
        sql<string>`to_char(date_trunc('day', playback_history.played_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`.as('date'),
        sql<number>`count(*)::int`.as('plays'),
      ])
      .where('tracks.owner_id', '=', ownerId)
      .where('playback_history.played_at', '>=', since)
      .groupBy(sql`1`)
      .execute();
  }

  /** Counted plays per track since a time, most first (ties by track id): the top `limit`. */
  playsPerTrack(since: Date, limit: number): Promise<{ track_id: string; plays: number }[]> {
    return this.db
      .selectFrom('playback_history')
      .select(['track_id', sql<number>`count(*)::int`.as('plays')])
      .where('played_at', '>=', since)
      .groupBy('track_id')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('track_id')
      .limit(limit)
      .execute();
  }
}
