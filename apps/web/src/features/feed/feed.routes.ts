import type { RouteObject } from 'react-router';

export const feedRoutes: RouteObject[] = [
  { path: 'feed', lazy: async () => ({ Component: (await import('./FeedPage')).FeedPage }) },
];
