-- Discover: trending tracks, refreshed by a job from the last 7 days of
-- counted plays (plays module's playback_history, read through PlaysService).
-- A snapshot, not a cache of visibility: who may see each track is decided
-- at query time by the tracks module, so a track made private meanwhile is
-- never shown. No foreign key: the next refresh drops a deleted track, and
-- until then the query-time check hides it.
CREATE TABLE trending_tracks (
  track_id uuid PRIMARY KEY,
  plays integer NOT NULL CHECK (plays > 0),
  refreshed_at timestamptz NOT NULL
);
CREATE INDEX trending_tracks_rank_idx ON trending_tracks (plays DESC, track_id);

-- Browsing by genre (discover) reads listed, ready tracks of one genre,
-- newest first; genres compare case-insensitively ("Jazz" = "jazz").
CREATE INDEX tracks_public_genre_idx ON tracks (lower(genre), created_at DESC, id DESC)
  WHERE status = 'ready' AND visibility = 'public' AND genre IS NOT NULL;

-- Profiles: whether anyone may see what a user liked (their own choice, on by default).
ALTER TABLE users ADD COLUMN likes_public boolean NOT NULL DEFAULT true;
