import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from '@/platform/db/schema';

export type PlaylistVisibility = 'public' | 'unlisted' | 'private';

export interface PlaylistsTable {
  id: Generated<string>;
  owner_id: string;
  title: string;
  description: string | null;
  visibility: PlaylistVisibility;
  version: ColumnType<number, number | undefined, number>;
  /** Moved only through LibraryService.adjustEngagement, with the social module's rows. */
  like_count: ColumnType<number, number | undefined, number>;
  repost_count: ColumnType<number, number | undefined, number>;
  /** Storage prefix of the owner's own cover; wins over the mosaic. */
  cover_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Storage prefix of the generated 2×2 mosaic; its last segment names the covers it shows. */
  mosaic_key: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export type PlaylistRow = Selectable<PlaylistsTable>;

export interface PlaylistItemsTable {
  id: Generated<string>;
  playlist_id: string;
  /** No foreign key: a deleted track's entries stay and read as unavailable. */
  track_id: string;
  position: number;
  added_by: string | null;
  added_at: Timestamp;
}
export type PlaylistItemRow = Selectable<PlaylistItemsTable>;

export interface PlaylistCollaboratorsTable {
  playlist_id: string;
  user_id: string;
  added_at: Timestamp;
}

declare module '@/platform/db/schema' {
  interface Database {
    playlists: PlaylistsTable;
    playlist_items: PlaylistItemsTable;
    playlist_collaborators: PlaylistCollaboratorsTable;
  }
}
