/**
 * The web app's client-side routes, as path patterns. The server answers
 * these with the app and 200, anything else that wants HTML with the app's
 * not-found page and 404, so crawlers and link checkers see the truth. The
 * web app's router test holds its routes to this list.
 */
export const WEB_ROUTES = [
  '/',
  '/login',
  '/signup',
  '/verify-email',
  '/forgot-password',
  '/reset-password',
  '/settings',
  '/u/:username',
  '/me/tracks',
  '/tracks/:id',
  '/upload',
  '/feed',
  '/notifications',
  '/library',
  '/me/playlists',
  '/playlists/new',
  '/playlists/:id',
  '/search',
  '/discover',
  '/discover/genres/:genre',
] as const;

export type WebRoute = (typeof WEB_ROUTES)[number];

export interface WebRouteMatch {
  route: WebRoute;
  params: Record<string, string>;
}

export function matchWebRoute(pathname: string): WebRouteMatch | undefined {
  const parts = split(pathname);
  for (const route of WEB_ROUTES) {
    const pattern = split(route);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (!segment.startsWith(':')) return segment === part;
      params[segment.slice(1)] = safeDecode(part);
      return part !== '';
    });
    if (matches) return { route, params };
  }
  return undefined;
}

/** A trailing slash is the same page, as React Router treats it. */
function split(pathname: string): string[] {
  return pathname.split('/').filter((segment) => segment !== '');
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
