import type { RouteObject } from 'react-router';

export const profileRoutes: RouteObject[] = [
  { path: 'u/:username', lazy: async () => ({ Component: (await import('./ProfilePage')).ProfilePage }) },
];
