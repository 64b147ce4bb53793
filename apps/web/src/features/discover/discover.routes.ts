import type { RouteObject } from 'react-router';

export const discoverRoutes: RouteObject[] = [
  { path: 'discover', lazy: async () => ({ Component: (await import('./DiscoverPage')).DiscoverPage }) },
  { path: 'discover/genres/:genre', lazy: async () => ({ Component: (await import('./GenrePage')).GenrePage }) },
];
