-- Social graph: likes and reposts of tracks, follows and blocks between users.
-- Each edge is one row keyed by its two ends, so a repeated toggle is a
-- no-op (INSERT … ON CONFLICT DO NOTHING), and the counters below change by
-- exactly the rows a toggle inserted or deleted, in the same transaction:
-- they equal count(*) of their rows at every commit.

ALTER TABLE tracks
  ADD COLUMN like_count integer NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  ADD COLUMN repost_count integer NOT NULL DEFAULT 0 CHECK (repost_count >= 0);

ALTER TABLE users
  ADD COLUMN follower_count integer NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
  ADD COLUMN following_count integer NOT NULL DEFAULT 0 CHECK (following_count >= 0);

CREATE TABLE track_likes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  track_id uuid NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, track_id)
);
-- "My likes", newest first, keyset on (created_at, track_id).
CREATE INDEX track_likes_user_idx ON track_likes (user_id, created_at DESC, track_id DESC);
CREATE INDEX track_likes_track_idx ON track_likes (track_id);

CREATE TABLE track_reposts (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  track_id uuid NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, track_id)
);
-- The feed reads the reposts of followed users, newest first.
CREATE INDEX track_reposts_user_idx ON track_reposts (user_id, created_at DESC, track_id DESC);
CREATE INDEX track_reposts_track_idx ON track_reposts (track_id);

CREATE TABLE follows (
  follower_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followee_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);
-- "Following" uses the primary key's prefix; "followers" this one.
CREATE INDEX follows_following_idx ON follows (follower_id, created_at DESC, followee_id DESC);
CREATE INDEX follows_followers_idx ON follows (followee_id, created_at DESC, follower_id DESC);

CREATE TABLE blocks (
  blocker_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  blocked_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_list_idx ON blocks (blocker_id, created_at DESC, blocked_id DESC);
-- "Who blocked me" (a blocked user may not follow or comment).
CREATE INDEX blocks_blocked_idx ON blocks (blocked_id);
