-- Typo correction looks words up here rather than in the documents, as
-- pg_trgm's documentation advises for spelling suggestions: the distinct
-- words of the indexed titles and names, with their own trigram index. The
-- table grows with the vocabulary, not with the number of documents, so
-- finding the close words of a typed one costs about the same at 10k tracks
-- as at 1M; the documents holding them are then found by full text.
-- Filled by the statement that writes the documents (indexMany), with the
-- lexemes full text indexes for title and subtitle, of 4 letters or more
-- (a typo is only corrected in a word of 5 or more, to a word at most one
-- letter shorter). Words are not removed when their documents go: a stale
-- word only yields a correction that finds nothing.
CREATE TABLE search_vocabulary (
  word text PRIMARY KEY
);
INSERT INTO search_vocabulary (word)
SELECT DISTINCT word
  FROM search_documents,
       unnest(tsvector_to_array(to_tsvector('simple', unaccent(title || ' ' || coalesce(subtitle, ''))))) AS word
 WHERE length(word) >= 4;
CREATE INDEX search_vocabulary_word_trgm_idx ON search_vocabulary USING gin (word gin_trgm_ops);

-- Typos were matched against every document's title and artist through this
-- index; nothing reads it any more, and every document write paid for it.
-- fuzzy itself stays: the prefix index and the relevance read it.
DROP INDEX search_documents_fuzzy_idx;
