-- A word thousands of tracks hold ("blue", "soul") was read from every
-- one of them to keep 200 candidates: a cost that grew with the catalogue
-- (at 1M tracks a common word's index entry alone took 13 ms, against 0.2
-- at 10k). Tracks are now in two tiers: the most played few (a fixed
-- number, see search.hot-tier) with an index of their own, searched first,
-- and the rest, searched only when the first tier yields too few, which
-- happens only for words rare enough to be cheap anyway. While there are
-- fewer tracks than the tier holds, every track is in it.
ALTER TABLE search_documents ADD COLUMN hot boolean NOT NULL DEFAULT true;

-- The least popular track still in the first tier: (play count, publication)
-- at or above it is hot. One row, moved by the search.hot-tier job.
CREATE TABLE search_hot_tier (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  min_popularity bigint NOT NULL DEFAULT 0,
  min_published_at timestamptz NOT NULL DEFAULT '-infinity',
  refreshed_at timestamptz
);
INSERT INTO search_hot_tier DEFAULT VALUES;

CREATE INDEX search_documents_hot_text_idx ON search_documents USING gin (document) WHERE hot AND kind = 'track';
