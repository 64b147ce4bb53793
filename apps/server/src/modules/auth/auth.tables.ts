import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '@/platform/db/schema';

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

declare module '@/platform/db/schema' {
  interface Database {
    refresh_tokens: RefreshTokensTable;
    email_tokens: EmailTokensTable;
  }
}
