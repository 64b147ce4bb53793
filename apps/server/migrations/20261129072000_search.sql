-- Search: one document per findable thing (track, user; playlists later),
-- owned by the search module and written only from domain events and the
-- bulk rebuild. No foreign keys: like an external index, it may briefly
-- hold a document whose source is gone, and the query-time visibility
-- check (against the owning module) is what decides what a viewer sees.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE search_documents (
  kind text NOT NULL CHECK (kind IN ('track', 'user', 'playlist')),
  id uuid NOT NULL,
  -- Who may find it beyond public (tracks, playlists); null for users.
  owner_id uuid,
  visibility text NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private')),
  -- Ready to be found (a track that finished processing). With visibility
  -- a cheap pre-filter only: the owning module has the last word.
  available boolean NOT NULL,
  title text NOT NULL,
  subtitle text,
  -- Lowercased, for exact filters.
  genre text,
  tags text[] NOT NULL DEFAULT '{}',
  duration_ms integer,
  popularity bigint NOT NULL DEFAULT 0,
  published_at timestamptz NOT NULL,
  -- Weighted words: title A, artist B, tags and genre C, description D;
  -- 'simple' configuration (no stemming: titles and names are in every
  -- language) over unaccent-ed text. Computed by the writing statement
  -- because unaccent() is only STABLE (its dictionary can change), which an
  -- index expression or generated column refuses; rebuilding the documents
  -- (reindexAll) is the answer to a changed dictionary.
  document tsvector NOT NULL,
  -- Title and artist, lowercased and unaccented: trigram matching for typos
  -- ("beetles") and for prefixes while typing.
  fuzzy text NOT NULL,
  indexed_at timestamptz NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX search_documents_document_idx ON search_documents USING gin (document);
CREATE INDEX search_documents_fuzzy_idx ON search_documents USING gin (fuzzy gin_trgm_ops);
CREATE INDEX search_documents_owner_idx ON search_documents (owner_id) WHERE owner_id IS NOT NULL;
