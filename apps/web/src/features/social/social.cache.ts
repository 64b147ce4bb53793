import type { QueryClient } from '@tanstack/react-query';
import { socialKeys } from './social.keys';

type Json = unknown;
export type Patch = (obj: Record<string, unknown>) => Record<string, unknown> | null;

/**
 * Rewrites every object in `value` that `patch` answers for (null = leave it),
 * returning the same references where nothing changed, so untouched queries
 * and components do not re-render.
 */
function walk(value: Json, patch: Patch): Json {
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((item) => {
      const out = walk(item, patch);
      if (out !== item) changed = true;
      return out;
    });
    return changed ? next : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const own = patch(obj) ?? obj;
  let changed = own !== obj;
  const next: Record<string, unknown> = { ...own };
  for (const [key, child] of Object.entries(own)) {
    const out = walk(child, patch);
    if (out !== child) {
      next[key] = out;
      changed = true;
    }
  }
  return changed ? next : value;
}

/**
 * Applies `patch` to every cached query's data except the caller's flags,
 * wherever the object sits: a track's or playlist's counters show in lists, pages, shelves
 * and playlists alike, and each must change at once.
 */
export function patchEverywhere(queryClient: QueryClient, patch: Patch): void {
  for (const query of queryClient.getQueryCache().getAll()) {
    if (query.queryKey[0] === socialKeys.all[0] || query.state.data === undefined) continue;
    const next = walk(query.state.data, patch);
    if (next !== query.state.data) queryClient.setQueryData(query.queryKey, next);
  }
}

type Counter = 'likeCount' | 'repostCount';

/** Moves a track's or playlist's counter by `delta` (optimistic) in every list, page and shelf that shows it. */
export function shiftCount(queryClient: QueryClient, id: string, counter: Counter, delta: number): void {
  patchEverywhere(queryClient, (obj) =>
    obj.id === id && typeof obj[counter] === 'number' ? { ...obj, [counter]: Math.max(0, obj[counter] + delta) } : null,
  );
}

/** Sets a track's or playlist's counter to what the server answered, everywhere. */
export function setCount(queryClient: QueryClient, id: string, counter: Counter, value: number): void {
  patchEverywhere(queryClient, (obj) =>
    obj.id === id && typeof obj[counter] === 'number' && obj[counter] !== value ? { ...obj, [counter]: value } : null,
  );
}

/**
 * A follow moves the followed user's follower count and the follower's own
 * following count, in every profile and list that shows either.
 */
export function shiftFollowCounts(
  queryClient: QueryClient,
  { userId, viewerId }: { userId: string; viewerId: string },
  delta: number,
): void {
  patchEverywhere(queryClient, (obj) => {
    if (obj.id === userId && typeof obj.followerCount === 'number') {
      return { ...obj, followerCount: Math.max(0, obj.followerCount + delta) };
    }
    if (obj.id === viewerId && typeof obj.followingCount === 'number') {
      return { ...obj, followingCount: Math.max(0, obj.followingCount + delta) };
    }
    return null;
  });
}

export function setFollowerCount(queryClient: QueryClient, userId: string, value: number): void {
  patchEverywhere(queryClient, (obj) =>
    obj.id === userId && typeof obj.followerCount === 'number' && obj.followerCount !== value
      ? { ...obj, followerCount: value }
      : null,
  );
}
