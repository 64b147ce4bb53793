import type { Logger } from 'pino';
import type { LibraryService } from '@/modules/library/library.service';
import type { SocialService } from '@/modules/social/social.service';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import type { PublicProfile } from '@/modules/users/users.schemas';
import type { Principal } from '@/platform/http/access';
import {
  InvalidSearchCursor,
  type SearchFilters,
  type SearchHits,
  type SearchIndex,
  type SearchKind,
  type SearchSort,
} from './search-index';
import type { SearchIndexer } from './search-indexer';
import {
  InvalidCursor,
  InvalidSearchFilters,
  QUERY_MAX_LENGTH,
  SearchQueryEmpty,
  SearchQueryTooLong,
} from './search.errors';
import type { SearchParams, SearchResults, SearchUser, Suggestion } from './search.schemas';

export const SUGGESTIONS = 8;
/** Asked of the index for suggestions: some may turn out hidden from the viewer. */
const SUGGESTION_CANDIDATES = 2 * SUGGESTIONS;
/**
 * Tracks ordered by plays: the index picks this many candidates by the
 * plays it last indexed, then the current counts (read from the tracks
 * module) order them. As deep as pages go anyway (the index's offset cap).
 */
export const PLAYS_CANDIDATES = 1000;

type Viewer = Pick<Principal, 'userId' | 'role'> | undefined;

/** Which kinds a search type covers, and the prefix marking each kind's cursors. */
const KINDS = { tracks: 'track', users: 'user', playlists: 'playlist' } as const satisfies Record<string, SearchKind>;
type Group = keyof typeof KINDS;
const ALL_GROUPS = Object.keys(KINDS) as Group[];

export interface SearchDeps {
  index: SearchIndex;
  indexer: SearchIndexer;
  tracks: Pick<TracksService, 'findableSummaries'>;
  users: Pick<UsersService, 'publicProfiles'>;
  library: Pick<LibraryService, 'findableSummaries'>;
  social: Pick<SocialService, 'blockedEitherWay'>;
}

/**
 * Search and suggestions. The index ranks; the owning modules then read
 * the things and keep only what this viewer may see (a stale or leaky
 * index never shows a private track), in the index's order. People a block
 * stands between the viewer and, either way, are left out with their
 * tracks and playlists.
 */
export class SearchService {
  constructor(private readonly deps: SearchDeps) {}

  async search(viewer: Viewer, params: SearchParams): Promise<SearchResults> {
    const q = checkedQuery(params.q);
    const min = params.minDurationMs;
    const max = params.maxDurationMs;
    if (min !== undefined && max !== undefined && min > max) {
      throw new InvalidSearchFilters('querystring/minDurationMs', 'minDurationMs must not exceed maxDurationMs');
    }
    const cursor = params.cursor === undefined ? undefined : splitCursor(params.cursor);
    // A cursor continues one group: with type=all it says which.
    const type = params.type ?? 'all';
    const groups: Group[] = cursor ? [cursor.group] : type === 'all' ? ALL_GROUPS : [type];
    if (cursor && type !== 'all' && type !== cursor.group) throw new InvalidCursor();

    const sort = params.sort ?? 'relevance';
    const limit = params.limit ?? 20;
    const viewerId = viewer?.userId ?? null;
    const hidden = await this.hiddenFrom(viewer);
    const pages = await Promise.all(
      groups.map(async (group): Promise<SearchResults> => {
        const filters: SearchFilters = {
          kind: KINDS[group],
          viewerId,
          excludeOwnerIds: [...hidden],
          // Genre, tags and duration are a track's: they narrow tracks, and leave people and playlists alone.
          ...(group === 'tracks'
            ? { genre: params.genre, tag: params.tag, minDurationMs: min, maxDurationMs: max }
            : {}),
        };
        if (group === 'tracks' && sort === 'plays') {
          return { tracks: await this.tracksByPlays(viewer, q, filters, hidden, limit, cursor?.indexCursor) };
        }
        // People and playlists have no plays: for them sort=plays is relevance.
        const groupSort = sort === 'plays' ? 'relevance' : sort;
        const hits = await this.queryIndex(q, filters, groupSort, limit, cursor?.indexCursor);
        const nextCursor = hits.nextCursor === null ? null : joinCursor(group, hits.nextCursor);
        const ids = hits.hits.map((hit) => hit.id);
        if (group === 'tracks') {
          const tracks = await this.deps.tracks.findableSummaries(viewer, ids);
          return { tracks: { items: tracks.filter((t) => !hidden.has(t.artist.id)), nextCursor } };
        }
        if (group === 'playlists') {
          const playlists = await this.deps.library.findableSummaries(ids);
          return { playlists: { items: playlists.filter((p) => !hidden.has(p.owner.id)), nextCursor } };
        }
        const users = inOrder(ids, await this.deps.users.publicProfiles(ids)).filter((u) => !hidden.has(u.id));
        return { users: { items: users.map(toSearchUser), nextCursor } };
      }),
    );
    return Object.assign({}, ...pages) as SearchResults;
  }

  /** The best few tracks, people and playlists for what is typed so far, mixed, best first. */
  async suggest(viewer: Viewer, rawQ: string): Promise<{ items: Suggestion[] }> {
    const q = checkedQuery(rawQ);
    const hidden = await this.hiddenFrom(viewer);
    const hits = await this.deps.index.suggest(q, {
      viewerId: viewer?.userId ?? null,
      limit: SUGGESTION_CANDIDATES,
      excludeOwnerIds: [...hidden],
    });
    const ofKind = (kind: SearchKind) => hits.filter((hit) => hit.kind === kind).map((hit) => hit.id);
    const [tracks, users, playlists] = await Promise.all([
      this.deps.tracks.findableSummaries(viewer, ofKind('track')),
      this.deps.users.publicProfiles(ofKind('user')),
      this.deps.library.findableSummaries(ofKind('playlist')),
    ]);
    const trackById = new Map(tracks.filter((t) => !hidden.has(t.artist.id)).map((t) => [t.id, t]));
    const playlistById = new Map(playlists.filter((p) => !hidden.has(p.owner.id)).map((p) => [p.id, p]));
    const items = hits.flatMap((hit): Suggestion[] => {
      if (hit.kind === 'track') {
        const track = trackById.get(hit.id);
        return track ? [{ kind: 'track', track }] : [];
      }
      if (hit.kind === 'playlist') {
        const playlist = playlistById.get(hit.id);
        return playlist ? [{ kind: 'playlist', playlist }] : [];
      }
      const user = users.get(hit.id);
      return user && !hidden.has(user.id) ? [{ kind: 'user', user: toSearchUser(user) }] : [];
    });
    return { items: items.slice(0, SUGGESTIONS) };
  }

  /** Every user, track and public playlist indexed again, in batches (tests, and a repair job later). */
  reindexAll(log?: Logger): ReturnType<SearchIndexer['reindexAll']> {
    return this.deps.indexer.reindexAll(log);
  }

  /**
   * Tracks by their play counts now, not as last indexed: a play does not
   * re-index its track (that would rewrite a document per play), so the
   * index's counts lag. The index picks the candidates by those counts,
   * then the tracks module's current ones order them (ties keep the
   * index's order), and pages are cut here.
   */
  private async tracksByPlays(
    viewer: Viewer,
    q: string,
    filters: SearchFilters,
    hidden: ReadonlySet<string>,
    limit: number,
    rawCursor: string | undefined,
  ): Promise<NonNullable<SearchResults['tracks']>> {
    const offset = rawCursor === undefined ? 0 : playsOffset(rawCursor);
    const hits = await this.queryIndex(q, filters, 'plays', PLAYS_CANDIDATES, undefined);
    const candidates = await this.deps.tracks.findableSummaries(
      viewer,
      hits.hits.map((hit) => hit.id),
    );
    const ordered = candidates.filter((t) => !hidden.has(t.artist.id)).sort((a, b) => b.playCount - a.playCount);
    const next = offset + limit;
    return {
      items: ordered.slice(offset, next),
      nextCursor: next < ordered.length ? joinCursor('tracks', `plays-${next}`) : null,
    };
  }

  /** The people a block stands between the viewer and, either way; nobody for anonymous viewers. */
  private async hiddenFrom(viewer: Viewer): Promise<Set<string>> {
    return new Set(viewer ? await this.deps.social.blockedEitherWay(viewer.userId) : []);
  }

  private async queryIndex(
    q: string,
    filters: SearchFilters,
    sort: SearchSort,
    limit: number,
    cursor: string | undefined,
  ): Promise<SearchHits> {
    try {
      return await this.deps.index.query(q, filters, { sort, limit, cursor });
    } catch (err) {
      if (err instanceof InvalidSearchCursor) throw new InvalidCursor();
      throw err;
    }
  }
}

function playsOffset(raw: string): number {
  const match = /^plays-(\d{1,4})$/.exec(raw);
  const offset = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(offset) || offset > PLAYS_CANDIDATES) throw new InvalidCursor();
  return offset;
}

function checkedQuery(q: string): string {
  const trimmed = q.trim();
  if (trimmed.length === 0) throw new SearchQueryEmpty();
  if (trimmed.length > QUERY_MAX_LENGTH) throw new SearchQueryTooLong();
  return trimmed;
}

function joinCursor(group: Group, indexCursor: string): string {
  return `${group}.${indexCursor}`;
}

function splitCursor(raw: string): { group: Group; indexCursor: string } {
  const dot = raw.indexOf('.');
  const group = raw.slice(0, dot);
  if (dot < 0 || !(group in KINDS)) throw new InvalidCursor();
  return { group: group as Group, indexCursor: raw.slice(dot + 1) };
}

/** What the map holds of `ids`, in their order. */
function inOrder<T>(ids: readonly string[], byId: Map<string, T>): T[] {
  return ids.flatMap((id) => {
    const item = byId.get(id);
    return item === undefined ? [] : [item];
  });
}

function toSearchUser(profile: PublicProfile): SearchUser {
  return {
    id: profile.id,
    username: profile.username,
    displayName: profile.displayName,
    avatarUrl: profile.avatarUrl,
  };
}
