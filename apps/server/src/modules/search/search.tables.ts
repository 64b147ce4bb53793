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
  indexed_at: Timestamp;
}

/** The words of indexed titles and artists, which typed words are corrected to (see the migration). */
export interface SearchVocabularyTable {
  word: string;
}

declare module '@/platform/db/schema' {
  interface Database {
    search_documents: SearchDocumentsTable;
    search_vocabulary: SearchVocabularyTable;
  }
}
