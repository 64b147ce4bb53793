import type { RouteObject } from 'react-router';

export const playlistsRoutes: RouteObject[] = [
  { path: 'me/playlists', lazy: async () => ({ Component: (await import('./MyPlaylistsPage')).MyPlaylistsPage }) },
  { path: 'playlists/new', lazy: async () => ({ Component: (await import('./NewPlaylistPage')).NewPlaylistPage }) },
  { path: 'playlists/:id', lazy: async () => ({ Component: (await import('./PlaylistPage')).PlaylistPage }) },
];
