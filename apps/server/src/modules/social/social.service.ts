import type { Clock } from '@/platform/clock/clock';
import type { Db, Tx } from '@/platform/db/db';
import type { EventPublisher } from '@/platform/events/outbox';
import type { Principal } from '@/platform/http/access';
import { TrackNotFound } from '@/modules/tracks/tracks.errors';
import type { Track } from '@/modules/tracks/tracks.schemas';
import type { EngagementCounter, TracksService } from '@/modules/tracks/tracks.service';
import { UserNotFound } from '@/modules/users/users.errors';
import type { PublicProfile } from '@/modules/users/users.schemas';
import type { UsersService } from '@/modules/users/users.service';
import type { UserRow } from '@/modules/users/users.tables';
import { pageOf, pageRequest } from '@/platform/db/keyset';
import { Blocked, OwnTrackRepost, SelfBlock, SelfFollow, TrackNotRepostable } from './social.errors';
import { SocialRepo, type Follow, type TrackEdge } from './social.repo';
import type { TrackEdgeTableName } from './social.tables';
import type { Relations } from './social.schemas';
import { setEdge, type CountedEdge } from './social.toggle';
import type { PlaylistEdges } from './playlist-edges';

export interface SocialDeps {
  db: Db;
  clock: Clock;
  events: EventPublisher;
  tracks: Pick<TracksService, 'visibleRef' | 'adjustEngagement' | 'visibleSummaries'>;
  users: Pick<UsersService, 'findByUsername' | 'publicProfiles' | 'adjustFollowCounts' | 'followerCount'>;
  playlists: Pick<PlaylistEdges, 'ties'>;
}

export interface PageOptions {
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type OwnedTrackEdge = TrackEdge & { ownerId: string };

export class SocialService {
  private readonly repo: SocialRepo;
  private readonly likes: CountedEdge<OwnedTrackEdge>;
  private readonly reposts: CountedEdge<OwnedTrackEdge>;
  private readonly follows: CountedEdge<Follow>;

  constructor(private readonly deps: SocialDeps) {
    this.repo = new SocialRepo(deps.db);
    this.likes = this.trackEdge('track_likes', 'likes', 'track.liked');
    this.reposts = this.trackEdge('track_reposts', 'reposts', 'track.reposted');
    this.follows = {
      guard: async (trx, f) => {
        const repo = new SocialRepo(trx);
        await repo.lockPair(f.followerId, f.followeeId);
        const blockers = await repo.blockersBetween(f.followerId, f.followeeId);
        if (blockers.length > 0) throw new Blocked(blockers.includes(f.followerId));
      },
      insert: (trx, f) => new SocialRepo(trx).addFollow(f, this.deps.clock.now()),
      delete: (trx, f) => new SocialRepo(trx).removeFollow(f),
      count: async (trx, f, delta) => {
        await this.deps.users.adjustFollowCounts(trx, [{ ...f, delta }]);
        const count = await this.deps.users.followerCount(f.followeeId, trx);
        if (count === undefined) throw new UserNotFound();
        return count;
      },
      inserted: async (trx, f) => {
        await this.deps.events.publish(trx, 'user.followed', { followerId: f.followerId, followeeId: f.followeeId });
      },
    };
  }

  /** Likes a track the caller may see (PUT) or takes the like back (DELETE); idempotent. */
  async likeTrack(principal: Principal, trackId: string, on: boolean): Promise<{ liked: boolean; likeCount: number }> {
    const track = await this.deps.tracks.visibleRef(trackId, principal);
    const edge = { userId: principal.userId, trackId, ownerId: track.owner_id };
    const { count } = await this.setEdge(this.likes, edge, on, () => new TrackNotFound());
    return { liked: on, likeCount: count };
  }

  /**
   * Reposts a public track of someone else (PUT) or takes the repost back
   * (DELETE, always allowed on a track the caller still sees, so a repost of
   * a track that stopped being public can be undone); idempotent.
   */
  async repostTrack(
    principal: Principal,
    trackId: string,
    on: boolean,
  ): Promise<{ reposted: boolean; repostCount: number }> {
    const track = await this.deps.tracks.visibleRef(trackId, principal);
    if (on && track.owner_id === principal.userId) throw new OwnTrackRepost();
    if (on && (track.visibility !== 'public' || track.status !== 'ready')) throw new TrackNotRepostable();
    const edge = { userId: principal.userId, trackId, ownerId: track.owner_id };
    const { count } = await this.setEdge(this.reposts, edge, on, () => new TrackNotFound());
    return { reposted: on, repostCount: count };
  }

  async follow(
    principal: Principal,
    username: string,
    on: boolean,
  ): Promise<{ following: boolean; followerCount: number }> {
    const followee = await this.userNamed(username);
    if (followee.id === principal.userId) throw new SelfFollow();
    const follow = { followerId: principal.userId, followeeId: followee.id };
    const { count } = await this.setEdge(this.follows, follow, on, () => new UserNotFound());
    return { following: on, followerCount: count };
  }

  /**
   * Blocks a user (PUT) or lifts the block (DELETE); idempotent. A new
   * block ends the follows between the two, both ways, with their counters,
   * in its transaction.
   */
  async block(principal: Principal, username: string, on: boolean): Promise<{ blocked: boolean }> {
    const other = await this.userNamed(username);
    if (other.id === principal.userId) throw new SelfBlock();
    const me = principal.userId;
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new SocialRepo(trx);
      if (!on) return repo.removeBlock(me, other.id);
      await repo.lockPair(me, other.id);
      if ((await repo.addBlock(me, other.id, this.deps.clock.now())) === 0) return;
      const ended = await repo.removeFollowsBetween(me, other.id);
      await this.deps.users.adjustFollowCounts(
        trx,
        ended.map((f) => ({ ...f, delta: -1 })),
      );
    });
    return { blocked: on };
  }

  /** Whether `blockerId` has blocked `blockedId` (one direction). */
  isBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    return this.repo.isBlocked(blockerId, blockedId);
  }

  /**
   * The caller's own likes, reposts, follows and blocks among the ids a page
   * shows. Only the caller's ties are told, so asking about a track or user
   * one may not see reveals nothing (the answer is false).
   */
  async relations(
    principal: Principal,
    ids: { tracks?: string[]; users?: string[]; playlists?: string[] },
  ): Promise<Relations> {
    const trackIds = ids.tracks ?? [];
    const userIds = ids.users ?? [];
    const [tracks, users, playlists] = await Promise.all([
      this.repo.trackTies(principal.userId, trackIds),
      this.repo.userTies(principal.userId, userIds),
      this.deps.playlists.ties(principal, ids.playlists ?? []),
    ]);
    return {
      tracks: trackIds.map((id) => ({ id, liked: tracks.liked.has(id), reposted: tracks.reposted.has(id) })),
      users: userIds.map((id) => ({ id, following: users.following.has(id), blocked: users.blocked.has(id) })),
      playlists,
    };
  }

  /** The ids of the users `blockerId` has blocked (a feed hides them). */
  blockedBy(blockerId: string): Promise<string[]> {
    return this.repo.blockedBy(blockerId);
  }

  /**
   * Everyone between whom and `userId` a block stands, either way: search
   * and discover hide them from `userId`, as they hide `userId` from them.
   */
  blockedEitherWay(userId: string): Promise<string[]> {
    return this.repo.blockedEitherWay(userId);
  }

  /** The caller's likes, newest first, of tracks they may still see. */
  async myLikes(principal: Principal, opts: PageOptions): Promise<Page<{ likedAt: string; track: Track }>> {
    const limit = opts.limit ?? 20;
    const rows = await this.repo.likesPage(principal.userId, principal, pageRequest(opts));
    const { rows: page, nextCursor } = pageOf(rows, limit, (r) => ({ at: r.created_at, id: r.track_id }));
    const tracks = await this.deps.tracks.visibleSummaries(
      page.map((r) => r.track_id),
      principal,
    );
    const items = page.flatMap((r) => {
      // A track made private between the two reads is left out, never shown.
      const track = tracks.get(r.track_id);
      return track ? [{ likedAt: r.created_at.toISOString(), track }] : [];
    });
    return { items, nextCursor };
  }

  followers(username: string, opts: PageOptions): Promise<Page<{ followedAt: string; user: PublicProfile }>> {
    return this.followPage(username, 'followers', opts);
  }

  following(username: string, opts: PageOptions): Promise<Page<{ followedAt: string; user: PublicProfile }>> {
    return this.followPage(username, 'following', opts);
  }

  async myBlocks(principal: Principal, opts: PageOptions): Promise<Page<{ blockedAt: string; user: PublicProfile }>> {
    const rows = await this.repo.blocksPage(principal.userId, pageRequest(opts));
    const { rows: page, nextCursor } = pageOf(rows, opts.limit ?? 20, (r) => ({ at: r.created_at, id: r.user_id }));
    const profiles = await this.deps.users.publicProfiles(page.map((r) => r.user_id));
    const items = page.flatMap((r) => {
      const user = profiles.get(r.user_id);
      return user ? [{ blockedAt: r.created_at.toISOString(), user }] : [];
    });
    return { items, nextCursor };
  }

  private async followPage(
    username: string,
    direction: 'followers' | 'following',
    opts: PageOptions,
  ): Promise<Page<{ followedAt: string; user: PublicProfile }>> {
    const user = await this.userNamed(username);
    const rows = await this.repo.followPage(user.id, direction, pageRequest(opts));
    const { rows: page, nextCursor } = pageOf(rows, opts.limit ?? 20, (r) => ({ at: r.created_at, id: r.user_id }));
    const profiles = await this.deps.users.publicProfiles(page.map((r) => r.user_id));
    const items = page.flatMap((r) => {
      const profile = profiles.get(r.user_id);
      return profile ? [{ followedAt: r.created_at.toISOString(), user: profile }] : [];
    });
    return { items, nextCursor };
  }

  private async userNamed(username: string): Promise<UserRow> {
    const user = await this.deps.users.findByUsername(username);
    if (!user) throw new UserNotFound();
    return user;
  }

  /** A row whose other end vanished meanwhile (a deleted track or user) is that end's 404, never a 500. */
  private async setEdge<K>(edge: CountedEdge<K>, key: K, on: boolean, gone: () => Error) {
    try {
      return await setEdge(this.deps.db, edge, key, on);
    } catch (err) {
      if (isForeignKeyViolation(err)) throw gone();
      throw err;
    }
  }

  /** Likes and reposts: the same edge over two tables, counters and events. */
  private trackEdge(
    table: TrackEdgeTableName,
    counter: EngagementCounter,
    event: 'track.liked' | 'track.reposted',
  ): CountedEdge<OwnedTrackEdge> {
    return {
      insert: (trx, e) => new SocialRepo(trx).addTrackEdge(table, e, this.deps.clock.now()),
      delete: (trx, e) => new SocialRepo(trx).removeTrackEdge(table, e),
      count: async (trx: Tx, e, delta) => {
        const count = await this.deps.tracks.adjustEngagement(e.trackId, counter, delta, trx);
        if (count === undefined) throw new TrackNotFound();
        return count;
      },
      inserted: async (trx, e) => {
        await this.deps.events.publish(trx, event, { trackId: e.trackId, userId: e.userId, ownerId: e.ownerId });
      },
    };
  }
}

function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23503';
}
