import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely's view of the database. The platform's own tables are here; each
 * module adds its tables to `Database` from its `<module>.tables.ts`
 * (interface merging), so a new module touches only its own folder.
 */

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type UserRole = 'listener' | 'artist' | 'moderator' | 'admin';

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

export interface EventOutboxTable {
  id: Generated<string>;
  name: string;
  payload: ColumnType<object, string, string>;
  created_at: Timestamp;
  relayed_at: NullableTimestamp;
}

export interface EventReceiptsTable {
  subscriber: string;
  event_id: string;
  received_at: Timestamp;
}

/** Subject is 'session:<family id>' or 'user:<user id>' (platform/revocations). */
export interface AccessRevocationsTable {
  subject: string;
  revoked_before: ColumnType<Date, Date, Date>;
  expires_at: ColumnType<Date, Date, Date>;
}

// Platform tables; modules merge theirs in.
export interface Database {
  access_revocations: AccessRevocationsTable;
  mail_outbox: MailOutboxTable;
  event_outbox: EventOutboxTable;
  event_receipts: EventReceiptsTable;
}

export type MailRow = Selectable<MailOutboxTable>;
export type EventRow = Selectable<EventOutboxTable>;
