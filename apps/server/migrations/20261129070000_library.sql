-- Playlists: ordered lists of tracks, owned by one user, edited by the
-- owner and the collaborators they invite. `version` moves on every change
-- so a client can tell its view is stale (ETag / If-Match).
CREATE TABLE playlists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  description text,
  visibility text NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX playlists_owner_idx ON playlists (owner_id, created_at DESC, id DESC);

-- One entry of a playlist; the same track may appear more than once.
-- track_id has no foreign key on purpose: a deleted track leaves its entry,
-- which then reads as unavailable (greyed, skipped) like a private one,
-- and deleting a track never has to lock playlists.
-- Positions are dense (0..n-1); every edit locks the playlist row and
-- renumbers, and the deferred unique constraint checks the result at commit.
CREATE TABLE playlist_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
  track_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  added_by uuid REFERENCES users (id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT playlist_items_position_key UNIQUE (playlist_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE playlist_collaborators (
  playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (playlist_id, user_id)
);
CREATE INDEX playlist_collaborators_user_idx ON playlist_collaborators (user_id);
