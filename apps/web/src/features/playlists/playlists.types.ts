import type { paths } from '@/api/schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A playlist with its items, as its page shows it. */
export type Playlist = JsonOf<paths['/api/v1/playlists/{id}']['get']['responses'][200]>;
export type PlaylistItem = Playlist['items'][number];
export type AvailableItem = Extract<PlaylistItem, { available: true }>;
export type PlaylistSummary = JsonOf<paths['/api/v1/me/playlists']['get']['responses'][200]>['items'][number];
export type PlaylistVisibility = Playlist['visibility'];
export type PlaylistPerson = Playlist['owner'];
