-- Ranked search reads a bounded set of candidates instead of ranking every
-- match (a common word matches 100k documents at 1M tracks). Documents whose
-- title (and artist) start with what was typed get the largest bonus, so
-- they must always be candidates: this index hands them over in order,
-- LIMIT-bounded, whatever the corpus size. text_pattern_ops: byte-wise
-- order, so a prefix is one range whatever the database's collation.
CREATE INDEX search_documents_prefix_idx ON search_documents (kind, fuzzy text_pattern_ops);
