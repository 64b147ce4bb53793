import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '@/platform/db/schema';

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

declare module '@/platform/db/schema' {
  interface Database {
    play_sessions: PlaySessionsTable;
    playback_history: PlaybackHistoryTable;
  }
}
