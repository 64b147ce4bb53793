import type { SearchKind, SearchVisibility } from './search.tables';

export type { SearchKind } from './search.tables';

/**
 * What an index knows of one findable thing. Text fields are as their
 * owners hold them (accents, case): normalising is the index's business.
 * `visibility`, `available` and `ownerId` let the index pre-filter cheaply;
 * the owning module still decides at query time what a viewer sees.
 */
export interface SearchDocument {
  kind: SearchKind;
  id: string;
  ownerId: string | null;
  visibility: SearchVisibility;
  /** Ready to be found (a processed track); false keeps it out of every answer, its owner's included. */
  available: boolean;
  /** Weighted highest: a track's or playlist's title, a user's display name and username. */
  title: string;
  /** Weighted second: the artist's names. */
  subtitle: string | null;
  genre: string | null;
  tags: string[];
  /** Weighted lowest. */
  description: string | null;
  durationMs: number | null;
  /**
   * Plays, as fresh as the document's last indexing: with `sort=plays` the
   * index picks candidates by it, and the search service orders them by the
   * current counts.
   */
  popularity: number;
  publishedAt: Date;
}

export type SearchSort = 'relevance' | 'newest' | 'plays';

export interface SearchFilters {
  kind: SearchKind;
  /** Signed-in viewer: their own unlisted and private documents pass the pre-filter. */
  viewerId: string | null;
  genre?: string | undefined;
  tag?: string | undefined;
  minDurationMs?: number | undefined;
  maxDurationMs?: number | undefined;
  /** Leaves out these owners' documents (users' own included): the people a block stands between the viewer and. */
  excludeOwnerIds?: readonly string[] | undefined;
}

export interface SearchPageRequest {
  sort: SearchSort;
  /** Opaque, from a previous answer of the same query. */
  cursor?: string | undefined;
  limit: number;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
}

export interface SearchHits {
  /** Best first, in the order asked for. */
  hits: SearchHit[];
  nextCursor: string | null;
}

/** The cursor handed to `query` was not one this index gave out. */
export class InvalidSearchCursor extends Error {}

/**
 * Full-text search over documents, whatever holds them (Postgres now,
 * Elasticsearch later). It answers ids only: callers read the things
 * themselves from their owners, who filter what the viewer may see.
 */
export interface SearchIndex {
  /** Adds or replaces the document (kind, id). */
  index(doc: SearchDocument): Promise<void>;
  /** Many at once, for rebuilds. */
  indexMany(docs: readonly SearchDocument[]): Promise<void>;
  remove(kind: SearchKind, id: string): Promise<void>;
  /** Documents of this kind not (re)indexed since `before`: what a full rebuild did not find at the source. */
  removeIndexedBefore(kind: SearchKind, before: Date): Promise<number>;
  query(q: string, filters: SearchFilters, page: SearchPageRequest): Promise<SearchHits>;
  /** Best prefix and fuzzy matches across kinds, for typing. */
  suggest(
    q: string,
    opts: { viewerId: string | null; limit: number; excludeOwnerIds?: readonly string[] | undefined },
  ): Promise<SearchHit[]>;
}
