import type { RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
// The server answers 404 for any other path: both sides must agree on the list.
import { WEB_ROUTES } from '../../../server/src/platform/http/web-routes';
import { routes } from './router';

function patterns(list: RouteObject[], base = ''): string[] {
  return list.flatMap((route) => {
    if (route.path === '*') return [];
    const here = route.index ? base || '/' : route.path ? `${base}/${route.path}`.replace(/\/+/g, '/') : base;
    const own = route.index || route.path ? [here] : [];
    return [...own, ...patterns(route.children ?? [], here === '/' ? '' : here)];
  });
}

describe('the routes', () => {
  it('are the ones the server answers with 200; anything else gets 404', () => {
    expect(patterns(routes).sort()).toEqual([...WEB_ROUTES].sort());
  });
});
