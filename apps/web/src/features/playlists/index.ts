export { playlistsRoutes } from './playlists.routes';
export { playlistsNav } from './playlists.nav';
export { playlistKeys } from './playlists.keys';
export type { Playlist, PlaylistItem, PlaylistSummary } from './playlists.types';
