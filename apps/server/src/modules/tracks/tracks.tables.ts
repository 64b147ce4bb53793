import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp } from '@/platform/db/schema';

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
  /** Kept equal to the social module's like and repost rows, changed with them (adjustEngagement). */
  like_count: ColumnType<number, number | undefined, number>;
  repost_count: ColumnType<number, number | undefined, number>;
  /** Live comments and replies, moved by the social module with its comment rows (adjustEngagement). */
  comment_count: ColumnType<number, number | undefined, number>;
  ready_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module '@/platform/db/schema' {
  interface Database {
    tracks: TracksTable;
  }
}

export type TrackRow = Selectable<TracksTable>;
export type NewTrack = Insertable<TracksTable>;
export type TrackUpdate = Updateable<TracksTable>;
