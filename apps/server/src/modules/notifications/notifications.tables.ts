import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '@/platform/db/schema';

export type NotificationKind = 'follow' | 'like' | 'repost' | 'comment' | 'reply';
export type NotificationTargetType = 'user' | 'track' | 'playlist';

/** One group: a recipient, a kind and a target ("A and 4 others liked <track>"). */
export interface NotificationsTable {
  id: Generated<string>;
  recipient_id: string;
  kind: NotificationKind;
  target_type: NotificationTargetType;
  target_id: string;
  acted_at: Timestamp;
  read_at: NullableTimestamp;
  created_at: Timestamp;
}

/** Who acted in a group, once each, with the time of their latest action. */
export interface NotificationActorsTable {
  notification_id: string;
  actor_id: string;
  acted_at: Timestamp;
}

declare module '@/platform/db/schema' {
  interface Database {
    notifications: NotificationsTable;
    notification_actors: NotificationActorsTable;
  }
}
