import type { Logger } from 'pino';
import type { Clock } from '@/platform/clock/clock';
import type { LibraryService, PlaylistForIndexing } from '@/modules/library/library.service';
import type { TrackWithArtist } from '@/modules/tracks/tracks.repo';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UserRow } from '@/modules/users/users.tables';
import type { UsersService } from '@/modules/users/users.service';
import type { SearchDocument, SearchIndex } from './search-index';

/** Documents per batch of a rebuild: one read and one multi-row upsert each. */
export const REINDEX_BATCH = 500;

export interface SearchIndexerDeps {
  index: SearchIndex;
  clock: Clock;
  tracks: Pick<TracksService, 'forIndexing' | 'forIndexingAfter'>;
  users: Pick<UsersService, 'findById' | 'forIndexingAfter'>;
  library: Pick<LibraryService, 'forIndexing' | 'forIndexingAfter'>;
}

/**
 * Keeps the index in step with its sources: reads the current state
 * through the owning modules' services (never their tables) and writes or
 * removes the document. Every method is idempotent, so an event delivered
 * twice, or out of order, leaves the index as the source is now.
 */
export class SearchIndexer {
  constructor(private readonly deps: SearchIndexerDeps) {}

  async indexTrack(trackId: string): Promise<void> {
    const [track] = await this.deps.tracks.forIndexing([trackId]);
    if (track) await this.deps.index.index(trackDocument(track));
    else await this.deps.index.remove('track', trackId);
  }

  removeTrack(trackId: string): Promise<void> {
    return this.deps.index.remove('track', trackId);
  }

  /** The user's document, and their tracks' and playlists' (the owner's name is indexed on each). */
  async indexUser(userId: string): Promise<void> {
    const user = await this.deps.users.findById(userId);
    if (!user) {
      await this.deps.index.remove('user', userId);
      return;
    }
    await this.deps.index.index(userDocument(user));
    await this.walkTracks({ ownerId: userId });
    await this.walkPlaylists({ ownerId: userId });
  }

  /**
   * Only public playlists are documents: an unlisted one is reached by its
   * link and a private one by its people, never by searching, so a playlist
   * that stops being public leaves the index.
   */
  async indexPlaylist(playlistId: string): Promise<void> {
    const [playlist] = await this.deps.library.forIndexing([playlistId]);
    if (playlist?.visibility === 'public') await this.deps.index.index(playlistDocument(playlist));
    else await this.deps.index.remove('playlist', playlistId);
  }

  removePlaylist(playlistId: string): Promise<void> {
    return this.deps.index.remove('playlist', playlistId);
  }

  /**
   * Every user and track, in batches: a new index, a changed dictionary, or
   * a repair. Documents the walk did not refresh have no source any more
   * and go (one indexed meanwhile by an event is newer than the start).
   */
  async reindexAll(log?: Logger): Promise<{ users: number; tracks: number; playlists: number; removed: number }> {
    const startedAt = this.deps.clock.now();
    let users = 0;
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.deps.users.forIndexingAfter(afterId, REINDEX_BATCH);
      await this.deps.index.indexMany(batch.map(userDocument));
      users += batch.length;
      afterId = batch.at(-1)?.id;
      if (batch.length < REINDEX_BATCH) break;
    }
    const tracks = await this.walkTracks({});
    const playlists = await this.walkPlaylists({});
    const removed =
      (await this.deps.index.removeIndexedBefore('user', startedAt)) +
      (await this.deps.index.removeIndexedBefore('track', startedAt)) +
      (await this.deps.index.removeIndexedBefore('playlist', startedAt));
    log?.info({ action: 'search.reindex', users, tracks, playlists, removed }, 'search index rebuilt');
    return { users, tracks, playlists, removed };
  }

  /** Public playlists (re)indexed; others left alone, as their own events removed them. */
  private async walkPlaylists(opts: { ownerId?: string }): Promise<number> {
    let count = 0;
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.deps.library.forIndexingAfter({
        ...opts,
        ...(afterId ? { afterId } : {}),
        limit: REINDEX_BATCH,
      });
      const listed = batch.filter((playlist) => playlist.visibility === 'public');
      await this.deps.index.indexMany(listed.map(playlistDocument));
      count += listed.length;
      afterId = batch.at(-1)?.id;
      if (batch.length < REINDEX_BATCH) return count;
    }
  }

  private async walkTracks(opts: { ownerId?: string }): Promise<number> {
    let count = 0;
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.deps.tracks.forIndexingAfter({
        ...opts,
        ...(afterId ? { afterId } : {}),
        limit: REINDEX_BATCH,
      });
      await this.deps.index.indexMany(batch.map(trackDocument));
      count += batch.length;
      afterId = batch.at(-1)?.id;
      if (batch.length < REINDEX_BATCH) return count;
    }
  }
}

function artistName(track: TrackWithArtist): string {
  // Both names: listeners search by either.
  return [track.artist_display_name, track.artist_username].filter(Boolean).join(' ');
}

export function trackDocument(track: TrackWithArtist): SearchDocument {
  return {
    kind: 'track',
    id: track.id,
    ownerId: track.owner_id,
    visibility: track.visibility,
    available: track.status === 'ready',
    title: track.title,
    subtitle: artistName(track),
    genre: track.genre,
    tags: track.tags,
    description: track.description,
    durationMs: track.duration_ms,
    popularity: track.play_count,
    publishedAt: track.ready_at ?? track.created_at,
  };
}

export function userDocument(user: UserRow): SearchDocument {
  return {
    kind: 'user',
    id: user.id,
    ownerId: user.id,
    visibility: 'public',
    available: true,
    title: [user.display_name, user.username].filter(Boolean).join(' '),
    subtitle: null,
    genre: null,
    tags: [],
    description: user.bio,
    durationMs: null,
    popularity: 0,
    publishedAt: user.created_at,
  };
}

export function playlistDocument(playlist: PlaylistForIndexing): SearchDocument {
  return {
    kind: 'playlist',
    id: playlist.id,
    ownerId: playlist.owner_id,
    visibility: playlist.visibility,
    available: true,
    title: playlist.title,
    // Found by its owner's names too, as a track by its artist's.
    subtitle: [playlist.owner.displayName, playlist.owner.username].filter(Boolean).join(' '),
    genre: null,
    tags: [],
    description: playlist.description,
    durationMs: null,
    popularity: 0,
    publishedAt: playlist.created_at,
  };
}
