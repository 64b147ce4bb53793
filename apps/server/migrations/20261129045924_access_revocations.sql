-- Access tokens that must stop working before they expire (logout, password
-- change or reset, role change, refresh-token reuse). A subject is
-- 'session:<family id>' or 'user:<user id>'; tokens of that subject issued
-- before revoked_before are refused. A row is useless once every token it can
-- refuse has expired (expires_at), and is purged then, so the table stays small.
CREATE TABLE access_revocations (
  subject text PRIMARY KEY,
  revoked_before timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX access_revocations_expires_idx ON access_revocations (expires_at);

-- When the login a refresh token belongs to started: a session ends at
-- SESSION_MAX_AGE however often it is refreshed.
ALTER TABLE refresh_tokens ADD COLUMN session_started_at timestamptz;
UPDATE refresh_tokens r
SET session_started_at = f.started
FROM (SELECT family_id, min(created_at) AS started FROM refresh_tokens GROUP BY family_id) f
WHERE r.family_id = f.family_id;
ALTER TABLE refresh_tokens ALTER COLUMN session_started_at SET NOT NULL;
