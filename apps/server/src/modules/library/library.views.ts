import { Validation } from '@/platform/http/errors';
import type { Track } from '@/modules/tracks/tracks.schemas';
import type { ListCursor } from './library.repo';
import type { PlaylistItem, PlaylistSummary, PlaylistUser } from './library.schemas';
import type { PlaylistItemRow, PlaylistRow } from './library.tables';

/** How playlists read in answers, and the cursors of their lists. */

export function toSummary(row: PlaylistRow, itemCount: number, people: Map<string, PlaylistUser>): PlaylistSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    version: row.version,
    itemCount,
    owner: people.get(row.owner_id) ?? { id: row.owner_id, username: '', displayName: null },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** An item whose track the viewer may not see says only that it is there. */
export function toItem(item: PlaylistItemRow, tracks: Map<string, Track>): PlaylistItem {
  const track = tracks.get(item.track_id);
  if (!track) return { id: item.id, position: item.position, available: false };
  return { id: item.id, position: item.position, available: true, addedAt: item.added_at.toISOString(), track };
}

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string): ListCursor {
  const [iso, id] = Buffer.from(raw, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new Validation([{ path: 'querystring/cursor', message: 'Not a cursor this API gave out' }]);
  }
  return { createdAt, id };
}
