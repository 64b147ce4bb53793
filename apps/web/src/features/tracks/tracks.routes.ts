import type { RouteObject } from 'react-router';

export const tracksRoutes: RouteObject[] = [
  { path: 'me/tracks', lazy: async () => ({ Component: (await import('./MyTracksPage')).MyTracksPage }) },
  { path: 'tracks/:id', lazy: async () => ({ Component: (await import('./TrackPage')).TrackPage }) },
];
