import type { FeedItem, FeedUser } from './feed.types';

export const nameOf = (u: FeedUser) => u.displayName ?? u.username;

/**
 * "Reposted by A", "A and B", "A, B and C", "A and 2 others": the named
 * reposters first, then how many more. Null when nobody you follow reposted it.
 */
export function repostedBy({ users, total }: FeedItem['repostedBy']): { named: FeedUser[]; others: number } | null {
  if (total === 0 || users.length === 0) return null;
  // "A and 1 other" reads worse than naming a second person when we know them.
  const named = total - users.length === 0 ? users : users.slice(0, Math.min(users.length, 1));
  return { named, others: total - named.length };
}
