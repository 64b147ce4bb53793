import type { Generated, Selectable } from 'kysely';
import type { NullableTimestamp, Timestamp } from '@/platform/db/schema';

export interface TrackCommentsTable {
  id: Generated<string>;
  track_id: string;
  author_id: string;
  /** The top-level comment a reply answers; null for a top-level comment. */
  parent_id: string | null;
  /** Empty once deleted (the row stays as a placeholder while it has replies). */
  body: string;
  /** Where in the track the comment points, for top-level comments that chose a position. */
  at_ms: number | null;
  created_at: Timestamp;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
}

declare module '@/platform/db/schema' {
  interface Database {
    track_comments: TrackCommentsTable;
  }
}

export type CommentRow = Selectable<TrackCommentsTable>;
