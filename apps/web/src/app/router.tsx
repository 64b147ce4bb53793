import { createBrowserRouter, type RouteObject } from 'react-router';
import { authRoutes } from '@/features/auth';
import { feedRoutes } from '@/features/feed';
import { discoverRoutes } from '@/features/discover';
import { homeRoutes } from '@/features/home';
import { notificationsRoutes } from '@/features/notifications';
import { libraryRoutes } from '@/features/library';
import { playlistsRoutes } from '@/features/playlists';
import { profileRoutes } from '@/features/profile';
import { searchRoutes } from '@/features/search';
import { settingsRoutes } from '@/features/settings';
import { tracksRoutes } from '@/features/tracks';
import { uploadRoutes } from '@/features/upload';
import { Spinner } from '@/ui';
import { ErrorPage } from './ErrorPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export const routes: RouteObject[] = [
  {
    // A crash in the layout itself gets the bare error page…
    element: <Layout />,
    errorElement: <ErrorPage />,
    hydrateFallbackElement: <Spinner />,
    children: [
      {
        // …while a crash in a page keeps the header around it.
        errorElement: <ErrorPage />,
        children: [
          ...homeRoutes,
          ...authRoutes,
          ...settingsRoutes,
          ...profileRoutes,
          ...tracksRoutes,
          ...uploadRoutes,
          ...feedRoutes,
          ...notificationsRoutes,
          ...libraryRoutes,
          ...playlistsRoutes,
          ...searchRoutes,
          ...discoverRoutes,
          // Already in the main chunk (the error page uses it), so not lazy.
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
