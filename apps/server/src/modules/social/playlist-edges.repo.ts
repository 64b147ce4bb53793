import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { DbOrTx } from '@/platform/db/db';
import type { PlaylistEdgeTableName } from './social.tables';
import './social.tables';

export interface PlaylistEdge {
  userId: string;
  playlistId: string;
}

/** SQL for likes and reposts of playlists, nothing else. */
export class PlaylistEdgesRepo {
  constructor(private readonly db: DbOrTx) {}

  async add(table: PlaylistEdgeTableName, edge: PlaylistEdge, now: Date): Promise<number> {
    const result = await this.db
      .insertInto(table)
      .values({ user_id: edge.userId, playlist_id: edge.playlistId, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'playlist_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  async remove(table: PlaylistEdgeTableName, edge: PlaylistEdge): Promise<number> {
    const result = await this.db
      .deleteFrom(table)
      .where('user_id', '=', edge.userId)
      .where('playlist_id', '=', edge.playlistId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Which of `playlistIds` the user liked and reposted. */
  async ties(userId: string, playlistIds: string[]): Promise<{ liked: Set<string>; reposted: Set<string> }> {
    const of = async (table: PlaylistEdgeTableName) =>
      playlistIds.length === 0
        ? new Set<string>()
        : new Set(
            (
              await this.db
                .selectFrom(table)
                .select('playlist_id')
                .where('user_id', '=', userId)
                .where('playlist_id', 'in', playlistIds)
                .execute()
            ).map((r) => r.playlist_id),
          );
    const [liked, reposted] = await Promise.all([of('playlist_likes'), of('playlist_reposts')]);
    return { liked, reposted };
  }

  /** The user's likes, newest first; `limit + 1` rows tell whether a next page exists. */
  likesPage(userId: string, page: PageRequest): Promise<{ playlist_id: string; created_at: Date }[]> {
    let query = this.db
      .selectFrom('playlist_likes')
      .select(['playlist_id', 'created_at'])
      .where('user_id', '=', userId);
    if (page.after) query = query.where(olderThan('created_at', 'playlist_id', page.after));
    return query
      .orderBy('created_at', 'desc')
      .orderBy('playlist_id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }
}
