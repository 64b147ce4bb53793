import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of every table; one interface per migration-created table. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type UserRole = 'listener' | 'artist' | 'moderator' | 'admin';
export interface ProfileLink {
  label: string;
  url: string;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  username: string;
  password_hash: string;
  display_name: string | null;
  bio: string | null;
  links: ColumnType<ProfileLink[], string | undefined, string>;
  avatar_key: string | null;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  email_verified_at: NullableTimestamp;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: Timestamp;
  rotated_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  /** When the login this token descends from started; carried along each rotation. */
  session_started_at: ColumnType<Date, Date, Date>;
}

/** See migration access_revocations: subject is 'session:<family id>' or 'user:<user id>'. */
export interface AccessRevocationsTable {
  subject: string;
  revoked_before: ColumnType<Date, Date, Date>;
  expires_at: ColumnType<Date, Date, Date>;
}

export type EmailTokenPurpose = 'verify_email' | 'reset_password';
export interface EmailTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: EmailTokenPurpose;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export type MailStatus = 'pending' | 'sent' | 'failed';
export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}

export type TrackStatus = 'processing' | 'ready' | 'failed';
export type TrackVisibility = 'public' | 'unlisted' | 'private';
export interface TracksTable {
  id: Generated<string>;
  owner_id: string;
  title: string;
  description: string | null;
  genre: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  visibility: ColumnType<TrackVisibility, TrackVisibility | undefined, TrackVisibility>;
  status: ColumnType<TrackStatus, TrackStatus | undefined, TrackStatus>;
  status_message: string | null;
  file_path: string;
  original_filename: string | null;
  original_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  duration_ms: number | null;
  codec: string | null;
  sample_rate: number | null;
  channels: number | null;
  loudness_lufs: number | null;
  peak_dbfs: number | null;
  waveform: ColumnType<number[] | null, string | null | undefined, string | null>;
  cover_key: string | null;
  hls_prefix: string | null;
  progress: ColumnType<number, number | undefined, number>;
  processing_version: string | null;
  heartbeat_at: NullableTimestamp;
  play_count: ColumnType<number, number | undefined, number>;
  ready_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaySessionsTable {
  session_id: string;
  track_id: string;
  user_id: string | null;
  listened_ms: ColumnType<number, number | undefined, number>;
  counted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybackHistoryTable {
  id: Generated<string>;
  user_id: string | null;
  track_id: string;
  played_at: Timestamp;
  listened_ms: number;
}

export interface Database {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  access_revocations: AccessRevocationsTable;
  email_tokens: EmailTokensTable;
  mail_outbox: MailOutboxTable;
  tracks: TracksTable;
  play_sessions: PlaySessionsTable;
  playback_history: PlaybackHistoryTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type MailRow = Selectable<MailOutboxTable>;
export type TrackRow = Selectable<TracksTable>;
export type NewTrack = Insertable<TracksTable>;
export type TrackUpdate = Updateable<TracksTable>;
