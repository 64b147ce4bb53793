import type { Track } from '@/modules/tracks/tracks.schemas';
import type { PlaylistItem, PlaylistSummary, PlaylistUser } from './library.schemas';
import type { PlaylistItemRow, PlaylistRow } from './library.tables';

/** How playlists read in answers. */

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
