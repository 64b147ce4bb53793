import { sql } from 'kysely';
import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { DbOrTx } from '@/platform/db/db';
import { visibleTo, type Viewer } from '@/modules/tracks/tracks.repo';
import type { TrackEdgeTableName } from './social.tables';
import './social.tables';

export interface TrackEdge {
  userId: string;
  trackId: string;
}

export interface Follow {
  followerId: string;
  followeeId: string;
}

/** SQL for likes, reposts, follows and blocks, nothing else. */
export class SocialRepo {
  constructor(private readonly db: DbOrTx) {}

  async addTrackEdge(table: TrackEdgeTableName, edge: TrackEdge, now: Date): Promise<number> {
    const result = await this.db
      .insertInto(table)
      .values({ user_id: edge.userId, track_id: edge.trackId, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'track_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  async removeTrackEdge(table: TrackEdgeTableName, edge: TrackEdge): Promise<number> {
    const result = await this.db
      .deleteFrom(table)
      .where('user_id', '=', edge.userId)
      .where('track_id', '=', edge.trackId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async hasTrackEdge(table: TrackEdgeTableName, edge: TrackEdge): Promise<boolean> {
    const row = await this.db
      .selectFrom(table)
      .select('track_id')
      .where('user_id', '=', edge.userId)
      .where('track_id', '=', edge.trackId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Which of `trackIds` the user liked and reposted. */
  async trackTies(userId: string, trackIds: string[]): Promise<{ liked: Set<string>; reposted: Set<string> }> {
    const of = async (table: TrackEdgeTableName) =>
      trackIds.length === 0
        ? new Set<string>()
        : new Set(
            (
              await this.db
                .selectFrom(table)
                .select('track_id')
                .where('user_id', '=', userId)
                .where('track_id', 'in', trackIds)
                .execute()
            ).map((r) => r.track_id),
          );
    const [liked, reposted] = await Promise.all([of('track_likes'), of('track_reposts')]);
    return { liked, reposted };
  }

  /** Which of `userIds` the user follows and has blocked. */
  async userTies(userId: string, userIds: string[]): Promise<{ following: Set<string>; blocked: Set<string> }> {
    if (userIds.length === 0) return { following: new Set(), blocked: new Set() };
    const [follows, blocks] = await Promise.all([
      this.db
        .selectFrom('follows')
        .select('followee_id as id')
        .where('follower_id', '=', userId)
        .where('followee_id', 'in', userIds)
        .execute(),
      this.db
        .selectFrom('blocks')
        .select('blocked_id as id')
        .where('blocker_id', '=', userId)
        .where('blocked_id', 'in', userIds)
        .execute(),
    ]);
    return { following: new Set(follows.map((r) => r.id)), blocked: new Set(blocks.map((r) => r.id)) };
  }

  /**
   * A user's likes, newest first, of tracks the viewer may still see: the
   * tracks' visibility is filtered here, so a page is never thinned out by
   * tracks that went private since.
   */
  likesPage(userId: string, viewer: Viewer, page: PageRequest): Promise<{ track_id: string; created_at: Date }[]> {
    let query = this.db
      .selectFrom('track_likes')
      .innerJoin('tracks', 'tracks.id', 'track_likes.track_id')
      .select(['track_likes.track_id', 'track_likes.created_at'])
      .where('track_likes.user_id', '=', userId)
      .where(visibleTo(viewer));
    if (page.after) query = query.where(olderThan('track_likes.created_at', 'track_likes.track_id', page.after));
    return query
      .orderBy('track_likes.created_at', 'desc')
      .orderBy('track_likes.track_id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  async addFollow(follow: Follow, now: Date): Promise<number> {
    const result = await this.db
      .insertInto('follows')
      .values({ follower_id: follow.followerId, followee_id: follow.followeeId, created_at: now })
      .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  async removeFollow(follow: Follow): Promise<number> {
    const result = await this.db
      .deleteFrom('follows')
      .where('follower_id', '=', follow.followerId)
      .where('followee_id', '=', follow.followeeId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Both directions between two users; what was deleted. */
  async removeFollowsBetween(a: string, b: string): Promise<Follow[]> {
    const rows = await this.db
      .deleteFrom('follows')
      .where((eb) =>
        eb.or([
          eb.and([eb('follower_id', '=', a), eb('followee_id', '=', b)]),
          eb.and([eb('follower_id', '=', b), eb('followee_id', '=', a)]),
        ]),
      )
      .returning(['follower_id', 'followee_id'])
      .execute();
    return rows.map((r) => ({ followerId: r.follower_id, followeeId: r.followee_id }));
  }

  async isFollowing(follow: Follow): Promise<boolean> {
    const row = await this.db
      .selectFrom('follows')
      .select('followee_id')
      .where('follower_id', '=', follow.followerId)
      .where('followee_id', '=', follow.followeeId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Who follows the user (`followers`) or whom the user follows (`following`), newest first. */
  followPage(
    userId: string,
    direction: 'followers' | 'following',
    page: PageRequest,
  ): Promise<{ user_id: string; created_at: Date }[]> {
    const [mine, theirs] =
      direction === 'followers' ? (['followee_id', 'follower_id'] as const) : (['follower_id', 'followee_id'] as const);
    let query = this.db
      .selectFrom('follows')
      .select([`${theirs} as user_id`, 'created_at'])
      .where(mine, '=', userId);
    if (page.after) query = query.where(olderThan('created_at', theirs, page.after));
    return query
      .orderBy('created_at', 'desc')
      .orderBy(theirs, 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  async addBlock(blockerId: string, blockedId: string, now: Date): Promise<number> {
    const result = await this.db
      .insertInto('blocks')
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n);
  }

  async removeBlock(blockerId: string, blockedId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('blocks')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The blocks between two users, as the blockers' ids (none, one or both). */
  async blockersBetween(a: string, b: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('blocks')
      .select('blocker_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
          eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
        ]),
      )
      .execute();
    return rows.map((r) => r.blocker_id);
  }

  async isBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('blocks')
      .select('blocked_id')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async blockedBy(blockerId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('blocks').select('blocked_id').where('blocker_id', '=', blockerId).execute();
    return rows.map((r) => r.blocked_id);
  }

  async blockedEitherWay(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('blocks')
      .select('blocked_id as id')
      .where('blocker_id', '=', userId)
      .union(this.db.selectFrom('blocks').select('blocker_id as id').where('blocked_id', '=', userId))
      .execute();
    return rows.map((r) => r.id);
  }

  blocksPage(blockerId: string, page: PageRequest): Promise<{ user_id: string; created_at: Date }[]> {
    let query = this.db
      .selectFrom('blocks')
      .select(['blocked_id as user_id', 'created_at'])
      .where('blocker_id', '=', blockerId);
    if (page.after) query = query.where(olderThan('created_at', 'blocked_id', page.after));
    return query
      .orderBy('created_at', 'desc')
      .orderBy('blocked_id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  /**
   * Serialises follows and blocks between the same two users for the rest
   * of the transaction: a follow checking for a block and a block removing
   * follows cannot interleave, so a block never leaves a follow behind.
   */
  async lockPair(a: string, b: string): Promise<void> {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`social.pair:${lo}:${hi}`}, 0))`.execute(this.db);
  }
}
