import type { ColumnType } from 'kysely';
import type { Timestamp } from '@/platform/db/schema';

export type SearchKind = 'track' | 'user' | 'playlist';
export type SearchVisibility = 'public' | 'unlisted' | 'private';

export interface SearchDocumentsTable {
  kind: SearchKind;
  id: string;
  owner_id: string | null;
  visibility: SearchVisibility;
  available: boolean;
  title: string;
  subtitle: string | null;
  genre: string | null;
  tags: string[];
  duration_ms: number | null;
  popularity: ColumnType<number, number, number>;
  published_at: Timestamp;
  /** Written with SQL expressions (to_tsvector over unaccent), never read back. */
  document: string;
  fuzzy: string;
  /** In the first tier (see search_hot_tier): every user and playlist, and the most played tracks. */
  hot: ColumnType<boolean, boolean | undefined, boolean>;
  indexed_at: Timestamp;
}

/** One row: the least popular track of the first tier. */
export interface SearchHotTierTable {
  one: ColumnType<boolean, never, never>;
  min_popularity: ColumnType<number, never, number>;
  min_published_at: ColumnType<Date, never, Date>;
  refreshed_at: ColumnType<Date | null, never, Date>;
}

/** The words of indexed titles and artists, which typed words are corrected to (see the migration). */
export interface SearchVocabularyTable {
  word: string;
}

declare module '@/platform/db/schema' {
  interface Database {
    search_documents: SearchDocumentsTable;
    search_vocabulary: SearchVocabularyTable;
    search_hot_tier: SearchHotTierTable;
  }
}
