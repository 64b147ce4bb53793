/**
 * The tracks feature's query keys, built from one root so that any part can
 * be invalidated by prefix: `trackKeys.all` is everything about tracks,
 * `trackKeys.playStats()` every range of the play statistics.
 */
export const trackKeys = {
  all: ['tracks'] as const,
  mine: () => [...trackKeys.all, 'mine'] as const,
  latestAll: () => [...trackKeys.all, 'latest'] as const,
  latest: (limit: number) => [...trackKeys.latestAll(), limit] as const,
  detail: (id: string) => [...trackKeys.all, 'detail', id] as const,
  playStats: () => [...trackKeys.all, 'play-stats'] as const,
  playStatsFor: (days: number) => [...trackKeys.playStats(), days] as const,
};
