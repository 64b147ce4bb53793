-- A playback of one track by one listener's player (sessionId is chosen by
-- the client per playback). It counts as a play once, when the listener
-- has heard 30 s or half the track, whichever is shorter.
CREATE TABLE play_sessions (
  session_id uuid NOT NULL,
  track_id uuid NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  listened_ms integer NOT NULL DEFAULT 0,
  counted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, track_id)
);
CREATE INDEX play_sessions_created_idx ON play_sessions (created_at);

-- Every counted play: the listener's history (exported with their data) and the artist's stats.
CREATE TABLE playback_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  track_id uuid NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  played_at timestamptz NOT NULL DEFAULT now(),
  listened_ms integer NOT NULL
);
CREATE INDEX playback_history_track_idx ON playback_history (track_id, played_at);
CREATE INDEX playback_history_user_idx ON playback_history (user_id, played_at DESC);
