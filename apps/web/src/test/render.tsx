import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation, type RouteObject } from 'react-router';
import type { Api } from '@/api';
import { Providers, createQueryClient } from '@/app/providers';

function WhereAmI() {
  const location = useLocation();
  return <p data-testid="location">{location.pathname + location.search}</p>;
}

interface RenderOptions {
  api: Api;
  /** The URL to start at. */
  at?: string;
  /** Pattern the element is mounted under, e.g. "/u/:username". Defaults to the path of `at`. */
  path?: string;
  restoreSession?: boolean;
}

/** Renders one page inside the real providers; any other URL shows a "location" marker. */
export function renderPage(element: ReactNode, { api, at = '/', path, restoreSession = false }: RenderOptions) {
  const routes: RouteObject[] = [
    { path: path ?? new URL(at, 'http://x').pathname, element },
    { path: '*', element: <WhereAmI /> },
  ];
  return renderRoutes(routes, { api, at, restoreSession });
}

export function renderRoutes(routes: RouteObject[], { api, at = '/', restoreSession = false }: RenderOptions) {
  const router = createMemoryRouter(routes, { initialEntries: [at] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  const result = render(
    <Providers api={api} queryClient={queryClient} restoreSession={restoreSession}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...result, router, queryClient };
}
