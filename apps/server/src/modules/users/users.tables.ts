import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NullableTimestamp, Timestamp, UserRole } from '@/platform/db/schema';

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
  /** Kept equal to the social module's follow rows, changed with them (adjustFollowCounts). */
  follower_count: ColumnType<number, number | undefined, number>;
  following_count: ColumnType<number, number | undefined, number>;
  /** Whether others may see the tracks this user liked (profile's Likes tab). */
  likes_public: ColumnType<boolean, boolean | undefined, boolean>;
  email_verified_at: NullableTimestamp;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module '@/platform/db/schema' {
  interface Database {
    users: UsersTable;
  }
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
