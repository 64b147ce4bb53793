import type { Track } from '@/api';
import type { paths } from '@/api/schema';
import { aTrack } from './tracks';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
export type PlaylistSummary = JsonOf<paths['/api/v1/me/playlists']['get']['responses'][200]>['items'][number];
export type PlaylistDetail = JsonOf<paths['/api/v1/playlists/{id}/tracks']['post']['responses'][200]>;

let n = 0;
const ada = { id: '7b0c7c1e-1f7e-4a55-9a3e-5d1b2f0c9a11', username: 'ada', displayName: 'Ada Lovelace' };

/** A private playlist of Ada's (aMe()); override what the test is about. */
export function aPlaylist(overrides: Partial<PlaylistSummary> = {}): PlaylistSummary {
  n++;
  return {
    id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Playlist ${n}`,
    description: null,
    visibility: 'private',
    version: 1,
    itemCount: 0,
    owner: ada,
    createdAt: '2025-01-10T10:00:00.000Z',
    updatedAt: '2025-01-12T10:00:00.000Z',
    ...overrides,
  };
}

/** The playlist as the server answers an edit: its items, each with its own id. */
export function aPlaylistDetail(playlist: PlaylistSummary, tracks: Track[] = [aTrack()]): PlaylistDetail {
  return {
    ...playlist,
    itemCount: tracks.length,
    viewerRole: 'owner',
    collaborators: [],
    items: tracks.map((track, position) => ({
      id: `20000000-0000-4000-8000-${String(position + 1).padStart(12, '0')}`,
      position,
      available: true as const,
      addedAt: '2025-01-12T10:00:00.000Z',
      track,
    })),
  };
}
