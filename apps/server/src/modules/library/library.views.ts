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
    likeCount: row.like_count,
    repostCount: row.repost_count,
    coverUrl: coverUrl(row),
    customCover: row.cover_key !== null,
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

/** The cover's storage prefix ends in its version: the URL changes whenever the picture does. */
export function coverKeyOf(row: Pick<PlaylistRow, 'cover_key' | 'mosaic_key'>): string | null {
  return row.cover_key ?? row.mosaic_key;
}

function coverUrl(row: PlaylistRow): string | null {
  const key = coverKeyOf(row);
  return key ? `/api/v1/playlists/${row.id}/cover/300?v=${key.split('/').pop() ?? ''}` : null;
}
