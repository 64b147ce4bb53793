import type { RouteObject } from 'react-router';

export const uploadRoutes: RouteObject[] = [
  { path: 'upload', lazy: async () => ({ Component: (await import('./UploadPage')).UploadPage }) },
];
