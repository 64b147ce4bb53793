import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { DbOrTx } from '@/platform/db/db';
import { visibleTo, type Viewer } from '@/modules/tracks/tracks.repo';
import type { TrackEdgeTableName } from './social.tables';
import './social.tables';

/** SQL for what a profile lists of a user's likes and reposts, nothing else. */
export class ProfileListsRepo {
  constructor(private readonly db: DbOrTx) {}

  /**
   * A user's likes or reposts, newest first, of tracks the viewer may come
   * across on a profile: ready and public, or the viewer's own. Someone
   * else's unlisted track is left out even when the viewer could open its
   * link, since listing it would hand that link to everyone. Filtered in
   * SQL, so a page is never thinned out after the read.
   */
  edgePage(
    table: TrackEdgeTableName,
    userId: string,
    viewer: Viewer,
    page: PageRequest,
  ): Promise<{ track_id: string; created_at: Date }[]> {
    let query = this.db
      .selectFrom(table)
      .innerJoin('tracks', 'tracks.id', `${table}.track_id`)
      .select([`${table}.track_id as track_id`, `${table}.created_at as created_at`])
      .where(`${table}.user_id`, '=', userId)
      .where(visibleTo(viewer))
      .where('tracks.status', '=', 'ready')
      .where((eb) =>
        viewer
          ? eb.or([eb('tracks.visibility', '=', 'public'), eb('tracks.owner_id', '=', viewer.userId)])
          : eb('tracks.visibility', '=', 'public'),
      );
    if (page.after) query = query.where(olderThan(`${table}.created_at`, `${table}.track_id`, page.after));
    return query
      .orderBy(`${table}.created_at`, 'desc')
      .orderBy(`${table}.track_id`, 'desc')
      .limit(page.limit + 1)
      .execute();
  }
}
