-- Tracks. A row is created `processing` when its upload starts, with
-- `file_path` naming the original in blob storage; the processing job fills
-- in what it measures and flips it to `ready` (or `failed` with a reason the
-- artist can read). Status changes only through TracksRepo.transition.
CREATE TABLE tracks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  description text,
  genre text,
  tags text[] NOT NULL DEFAULT '{}',
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'unlisted', 'private')),
  status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'ready', 'failed')),
  status_message text,
  -- Blob key of the original upload (kept: the owner can download it, and a retry re-reads it).
  file_path text NOT NULL,
  original_filename text,
  original_bytes bigint,
  -- What the probe measured.
  duration_ms integer,
  codec text,
  sample_rate integer,
  channels smallint,
  -- EBU R128, for playback normalisation.
  loudness_lufs real,
  peak_dbfs real,
  waveform jsonb,
  cover_key text,
  -- Blob prefix of the published HLS renditions (master.m3u8 under it); set with status = ready.
  hls_prefix text,
  progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  -- The processing attempt working on the track and when it last showed life:
  -- a worker killed mid-transcode leaves a stale heartbeat, and the resume
  -- sweep hands the track to a new attempt.
  processing_version text,
  heartbeat_at timestamptz,
  play_count bigint NOT NULL DEFAULT 0,
  ready_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracks_owner_idx ON tracks (owner_id, created_at DESC, id DESC);
CREATE INDEX tracks_public_idx ON tracks (created_at DESC, id DESC) WHERE status = 'ready' AND visibility = 'public';
-- The orphan sweep's scan: few rows are ever processing.
CREATE INDEX tracks_processing_idx ON tracks (created_at) WHERE status = 'processing';
