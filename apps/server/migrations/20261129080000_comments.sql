-- Timed comments on tracks. A comment may carry a position in the track
-- (at_ms) and is shown there on the waveform; replies hang off a top-level
-- comment, one level deep (parent_id of a reply is always a comment whose
-- own parent_id is null: the service refuses a reply to a reply).
--
-- Deleting a comment that has replies keeps its row as a placeholder
-- (deleted_at set, body cleared) so the thread stays readable; a comment
-- with no replies is removed outright, and a placeholder goes with its last
-- reply.
--
-- tracks.comment_count counts live comments and replies (placeholders do
-- not count); it moves with the rows, in their transaction, as like_count
-- does with likes.

ALTER TABLE tracks
  ADD COLUMN comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0);

CREATE TABLE track_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  track_id uuid NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES track_comments (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (char_length(body) <= 2000),
  at_ms integer CHECK (at_ms >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  CHECK (parent_id IS NULL OR at_ms IS NULL),
  CHECK (deleted_at IS NULL OR body = '')
);

-- A track's top-level comments, newest first, keyset on (created_at, id).
CREATE INDEX track_comments_top_idx ON track_comments (track_id, created_at DESC, id DESC) WHERE parent_id IS NULL;
-- The replies of a page of comments, oldest first.
CREATE INDEX track_comments_replies_idx ON track_comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL;
-- A user's comments (erasure, moderation).
CREATE INDEX track_comments_author_idx ON track_comments (author_id);
