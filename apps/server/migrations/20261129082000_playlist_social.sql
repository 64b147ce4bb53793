-- Likes and reposts of playlists (social module), with their counters on
-- `playlists` (library module, moved only through LibraryService in the
-- toggle's transaction, so they equal count(*) of their rows at every
-- commit), and the playlist's cover: a custom image, else a 2×2 mosaic of
-- its first covers made by a job.

ALTER TABLE playlists
  ADD COLUMN like_count integer NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  ADD COLUMN repost_count integer NOT NULL DEFAULT 0 CHECK (repost_count >= 0),
  -- Storage prefix of the owner's own cover (64/300/1200.jpg); wins over the mosaic.
  ADD COLUMN cover_key text,
  -- Storage prefix of the mosaic; its last segment is a hash of the covers it shows.
  ADD COLUMN mosaic_key text;

CREATE TABLE playlist_likes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, playlist_id)
);
-- "Playlists I liked", newest first, keyset on (created_at, playlist_id).
CREATE INDEX playlist_likes_user_idx ON playlist_likes (user_id, created_at DESC, playlist_id DESC);
CREATE INDEX playlist_likes_playlist_idx ON playlist_likes (playlist_id);

CREATE TABLE playlist_reposts (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, playlist_id)
);
CREATE INDEX playlist_reposts_user_idx ON playlist_reposts (user_id, created_at DESC, playlist_id DESC);
CREATE INDEX playlist_reposts_playlist_idx ON playlist_reposts (playlist_id);

-- A track whose cover or visibility changes re-renders the mosaics that show it.
CREATE INDEX playlist_items_track_idx ON playlist_items (track_id);
