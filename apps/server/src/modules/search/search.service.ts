import type { Logger } from 'pino';
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

type Viewer = Pick<Principal, 'userId' | 'role'> | undefined;

/** Which kinds a search type covers, and the prefix marking each kind's cursors. */
const KINDS = { tracks: 'track', users: 'user' } as const satisfies Record<string, SearchKind>;
type Group = keyof typeof KINDS;

export interface SearchDeps {
  index: SearchIndex;
  indexer: SearchIndexer;
  tracks: Pick<TracksService, 'findableSummaries'>;
  users: Pick<UsersService, 'publicProfiles'>;
}

/**
 * Search and suggestions. The index ranks; the owning modules then read
 * the things and keep only what this viewer may see (a stale or leaky
 * index never shows a private track), in the index's order.
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
    const groups: Group[] = cursor ? [cursor.group] : type === 'all' ? ['tracks', 'users'] : [type];
    if (cursor && type !== 'all' && type !== cursor.group) throw new InvalidCursor();

    const sort = params.sort ?? 'relevance';
    const limit = params.limit ?? 20;
    const viewerId = viewer?.userId ?? null;
    const pages = await Promise.all(
      groups.map(async (group): Promise<SearchResults> => {
        const filters: SearchFilters = {
          kind: KINDS[group],
          viewerId,
          // Genre, tags and duration are a track's: they narrow tracks, and leave people alone.
          ...(group === 'tracks'
            ? { genre: params.genre, tag: params.tag, minDurationMs: min, maxDurationMs: max }
            : {}),
        };
        const hits = await this.queryIndex(q, filters, sort, limit, cursor?.indexCursor);
        const nextCursor = hits.nextCursor === null ? null : joinCursor(group, hits.nextCursor);
        const ids = hits.hits.map((hit) => hit.id);
        return group === 'tracks'
          ? { tracks: { items: await this.deps.tracks.findableSummaries(viewer, ids), nextCursor } }
          : { users: { items: inOrder(ids, await this.deps.users.publicProfiles(ids)).map(toSearchUser), nextCursor } };
      }),
    );
    return Object.assign({}, ...pages) as SearchResults;
  }

  /** The best few tracks and people for what is typed so far, mixed, best first. */
  async suggest(viewer: Viewer, rawQ: string): Promise<{ items: Suggestion[] }> {
    const q = checkedQuery(rawQ);
    const hits = await this.deps.index.suggest(q, { viewerId: viewer?.userId ?? null, limit: SUGGESTION_CANDIDATES });
    const ofKind = (kind: SearchKind) => hits.filter((hit) => hit.kind === kind).map((hit) => hit.id);
    const [tracks, users] = await Promise.all([
      this.deps.tracks.findableSummaries(viewer, ofKind('track')),
      this.deps.users.publicProfiles(ofKind('user')),
    ]);
    const trackById = new Map(tracks.map((track) => [track.id, track]));
    const items = hits.flatMap((hit): Suggestion[] => {
      if (hit.kind === 'track') {
        const track = trackById.get(hit.id);
        return track ? [{ kind: 'track', track }] : [];
      }
      const user = hit.kind === 'user' ? users.get(hit.id) : undefined;
      return user ? [{ kind: 'user', user: toSearchUser(user) }] : [];
    });
    return { items: items.slice(0, SUGGESTIONS) };
  }

  /** Every user and track indexed again, in batches (tests, and a repair job later). */
  reindexAll(log?: Logger): Promise<{ users: number; tracks: number; removed: number }> {
    return this.deps.indexer.reindexAll(log);
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
