-- Feed: the newest public, ready uploads of one artist, read per followed
-- artist with a LATERAL index scan limited by the page size, so a page costs
-- (followees × page size) index entries whatever the table's size. Partial,
-- so private, unlisted, processing and failed tracks are never walked.
CREATE INDEX tracks_feed_idx ON tracks (owner_id, created_at DESC, id DESC)
  WHERE status = 'ready' AND visibility = 'public';

-- A feed item is a track once, at its newest activity by a followed user: a
-- row is shown only when no followed user reposted the same track later, a
-- check that reads this track's newer reposts, not all of them.
CREATE INDEX track_reposts_track_time_idx ON track_reposts (track_id, created_at DESC, user_id DESC);

-- Notifications, grouped: one row per recipient, kind and target ("A and 4
-- others liked <track>"). A new action on the group moves it to the top
-- (acted_at) and makes it unread again (read_at = NULL).
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('follow', 'like', 'repost', 'comment', 'reply')),
  target_type text NOT NULL CHECK (target_type IN ('user', 'track', 'playlist')),
  -- The recipient themself for a follow; the track or playlist otherwise (no
  -- foreign key: a deleted target leaves the group, read as unavailable).
  target_id uuid NOT NULL,
  acted_at timestamptz NOT NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (recipient_id, kind, target_type, target_id)
);
-- The list, newest group first, keyset on (acted_at, id).
CREATE INDEX notifications_list_idx ON notifications (recipient_id, acted_at DESC, id DESC);
-- The unread badge counts only unread groups.
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;

-- Who acted in a group, once each (a repeated action only moves its time).
CREATE TABLE notification_actors (
  notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  actor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  acted_at timestamptz NOT NULL,
  PRIMARY KEY (notification_id, actor_id)
);
CREATE INDEX notification_actors_latest_idx ON notification_actors (notification_id, acted_at DESC);
CREATE INDEX notification_actors_actor_idx ON notification_actors (actor_id);
