import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import { pageOf, pageRequest } from '@/platform/db/keyset';
import type { EventPublisher } from '@/platform/events/outbox';
import type { Principal } from '@/platform/http/access';
import { PlaylistNotFound } from '@/modules/library/library.errors';
import type { PlaylistSummary } from '@/modules/library/library.schemas';
import type { LibraryService, PlaylistEngagement } from '@/modules/library/library.service';
import { OwnPlaylistRepost, PlaylistNotRepostable } from './social.errors';
import { PlaylistEdgesRepo, type PlaylistEdge } from './playlist-edges.repo';
import type { PlaylistEdgeTableName } from './social.tables';
import { setEdge, type CountedEdge } from './social.toggle';

export interface PlaylistEdgeDeps {
  db: Db;
  clock: Clock;
  events: EventPublisher;
  library: Pick<LibraryService, 'visiblePlaylist' | 'adjustEngagement' | 'visibleSummaries'>;
}

type OwnedPlaylistEdge = PlaylistEdge & { ownerId: string };

/**
 * Likes and reposts of playlists: the same toggle as for tracks
 * (`setEdge`), with the counters on `playlists` moved through the library.
 */
export class PlaylistEdges {
  private readonly repo: PlaylistEdgesRepo;
  private readonly likes: CountedEdge<OwnedPlaylistEdge>;
  private readonly reposts: CountedEdge<OwnedPlaylistEdge>;

  constructor(private readonly deps: PlaylistEdgeDeps) {
    this.repo = new PlaylistEdgesRepo(deps.db);
    this.likes = this.edge('playlist_likes', 'likes', 'playlist.liked');
    this.reposts = this.edge('playlist_reposts', 'reposts', 'playlist.reposted');
  }

  /** Likes a playlist the caller may see (PUT) or takes the like back (DELETE); idempotent. */
  async like(principal: Principal, playlistId: string, on: boolean): Promise<{ liked: boolean; likeCount: number }> {
    const playlist = await this.deps.library.visiblePlaylist(playlistId, principal);
    const edge = { userId: principal.userId, playlistId, ownerId: playlist.owner_id };
    const { count } = await this.toggle(this.likes, edge, on);
    return { liked: on, likeCount: count };
  }

  /**
   * Reposts someone else's public playlist (PUT) or takes the repost back
   * (DELETE, allowed on any playlist the caller still sees, so a repost of
   * one made unlisted later can be undone); idempotent.
   */
  async repost(
    principal: Principal,
    playlistId: string,
    on: boolean,
  ): Promise<{ reposted: boolean; repostCount: number }> {
    const playlist = await this.deps.library.visiblePlaylist(playlistId, principal);
    if (on && playlist.owner_id === principal.userId) throw new OwnPlaylistRepost();
    if (on && playlist.visibility !== 'public') throw new PlaylistNotRepostable();
    const edge = { userId: principal.userId, playlistId, ownerId: playlist.owner_id };
    const { count } = await this.toggle(this.reposts, edge, on);
    return { reposted: on, repostCount: count };
  }

  /** The caller's likes and reposts among these playlists (false for what they may not see: they have none). */
  async ties(principal: Principal, ids: string[]): Promise<{ id: string; liked: boolean; reposted: boolean }[]> {
    const { liked, reposted } = await this.repo.ties(principal.userId, ids);
    return ids.map((id) => ({ id, liked: liked.has(id), reposted: reposted.has(id) }));
  }

  /** Playlists the caller liked, newest like first, of those they may still see. */
  async liked(
    principal: Principal,
    opts: { cursor?: string; limit?: number },
  ): Promise<{ items: { likedAt: string; playlist: PlaylistSummary }[]; nextCursor: string | null }> {
    const request = pageRequest(opts);
    const { rows, nextCursor } = pageOf(await this.repo.likesPage(principal.userId, request), request.limit, (r) => ({
      at: r.created_at,
      id: r.playlist_id,
    }));
    const playlists = await this.deps.library.visibleSummaries(
      rows.map((r) => r.playlist_id),
      principal,
    );
    // A playlist made private since the like is left out, never shown; the cursor still moves past it.
    const items = rows.flatMap((r) => {
      const playlist = playlists.get(r.playlist_id);
      return playlist ? [{ likedAt: r.created_at.toISOString(), playlist }] : [];
    });
    return { items, nextCursor };
  }

  /** A playlist deleted between the visibility check and the insert is a 404, never a 500. */
  private async toggle(edge: CountedEdge<OwnedPlaylistEdge>, key: OwnedPlaylistEdge, on: boolean) {
    try {
      return await setEdge(this.deps.db, edge, key, on);
    } catch (err) {
      if ((err as { code?: string } | null)?.code === '23503') throw new PlaylistNotFound();
      throw err;
    }
  }

  private edge(
    table: PlaylistEdgeTableName,
    counter: PlaylistEngagement,
    event: 'playlist.liked' | 'playlist.reposted',
  ): CountedEdge<OwnedPlaylistEdge> {
    return {
      insert: (trx, e) => new PlaylistEdgesRepo(trx).add(table, e, this.deps.clock.now()),
      delete: (trx, e) => new PlaylistEdgesRepo(trx).remove(table, e),
      count: async (trx, e, delta) => {
        const count = await this.deps.library.adjustEngagement(e.playlistId, counter, delta, trx);
        if (count === undefined) throw new PlaylistNotFound();
        return count;
      },
      inserted: async (trx, e) => {
        await this.deps.events.publish(trx, event, { playlistId: e.playlistId, userId: e.userId, ownerId: e.ownerId });
      },
    };
  }
}
