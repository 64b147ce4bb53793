import type { RouteObject } from 'react-router';

export const libraryRoutes: RouteObject[] = [
  { path: 'library', lazy: async () => ({ Component: (await import('./LibraryPage')).LibraryPage }) },
];
