import type { Playlist, PlaylistItem, PlaylistSummary } from '@/features/playlists';
import type { Track } from '@/api';
import { aMe } from './fake-api';

let n = 0;
const id = (prefix: string) => `${prefix}-0000-4000-8000-${String(++n).padStart(12, '0')}`;

export const ME = aMe();
export const OWNER = { id: ME.id, username: ME.username, displayName: ME.displayName };

/** A public playlist of Ada's with no items, version 1; override what the test is about. */
export function aPlaylist(overrides: Partial<Playlist> = {}): Playlist {
  const items = overrides.items ?? [];
  return {
    id: id('11111111'),
    title: 'Road trip',
    description: null,
    visibility: 'public',
    version: 1,
    itemCount: items.length,
    likeCount: 0,
    repostCount: 0,
    coverUrl: null,
    customCover: false,
    owner: OWNER,
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-01T10:00:00.000Z',
    viewerRole: 'owner',
    collaborators: [],
    ...overrides,
    items,
  };
}

export function anItem(track: Track, position: number): PlaylistItem {
  return { id: id('22222222'), position, available: true, addedAt: '2025-02-01T10:00:00.000Z', track };
}

export function anUnavailableItem(position: number): PlaylistItem {
  return { id: id('33333333'), position, available: false };
}

export function aSummary(overrides: Partial<PlaylistSummary> = {}): PlaylistSummary {
  const playlist = aPlaylist();
  const summary: PlaylistSummary = {
    id: playlist.id,
    title: playlist.title,
    description: playlist.description,
    visibility: playlist.visibility,
    version: playlist.version,
    itemCount: playlist.itemCount,
    likeCount: playlist.likeCount,
    repostCount: playlist.repostCount,
    coverUrl: playlist.coverUrl,
    customCover: playlist.customCover,
    owner: playlist.owner,
    createdAt: playlist.createdAt,
    updatedAt: playlist.updatedAt,
  };
  return { ...summary, ...overrides };
}

/** The playlist as the server answers an edit: the summary with these tracks as its items. */
export function aPlaylistDetail(summary: PlaylistSummary, tracks: Track[]): Playlist {
  return aPlaylist({
    ...summary,
    itemCount: tracks.length,
    items: tracks.map((track, position) => anItem(track, position)),
  });
}
