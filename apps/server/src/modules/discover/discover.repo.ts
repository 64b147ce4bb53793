import type { Db, DbOrTx } from '@/platform/db/db';
import './discover.tables';

/** SQL for the trending snapshot, nothing else. */
export class DiscoverRepo {
  constructor(private readonly db: Db) {}

  /** Replaces the snapshot in one transaction: readers see the old one or the new one, never a mix. */
  async replaceTrending(rows: readonly { trackId: string; plays: number }[], now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx: DbOrTx) => {
      await trx.deleteFrom('trending_tracks').execute();
      if (rows.length === 0) return;
      await trx
        .insertInto('trending_tracks')
        .values(rows.map((r) => ({ track_id: r.trackId, plays: r.plays, refreshed_at: now })))
        .execute();
    });
  }

  /** The snapshot's top, most played first (ties by id, as computed). */
  trending(limit: number): Promise<{ track_id: string; plays: number }[]> {
    return this.db
      .selectFrom('trending_tracks')
      .select(['track_id', 'plays'])
      .orderBy('plays', 'desc')
      .orderBy('track_id')
      .limit(limit)
      .execute();
  }
}
