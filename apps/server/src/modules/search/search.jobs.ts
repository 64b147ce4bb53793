import type { JobSpecs } from '@/platform/jobs/queue';
import type { PostgresSearchIndex } from './postgres-search-index';

/**
 * Tracks in the first search tier: a common word's candidates are read
 * from this many documents at most. Big enough that a word held by 0.5 %
 * of titles still fills a page of candidates from it.
 */
export const HOT_TIER_TRACKS = 50_000;

export type SearchJobs = {
  'search.refresh-hot-tier': Record<string, never>;
};

declare module '@/platform/jobs/queue' {
  interface Jobs extends SearchJobs {}
}

export function searchJobs({ index }: { index: Pick<PostgresSearchIndex, 'refreshHotTier'> }): JobSpecs<SearchJobs> {
  return {
    'search.refresh-hot-tier': {
      // Hourly and at boot: play counts move slowly, and one sort of the track documents is cheap at that rate.
      cron: '23 * * * *',
      runAtBoot: true,
      retryLimit: 1,
      async handler(_data, { log }) {
        const { moved } = await index.refreshHotTier(HOT_TIER_TRACKS);
        log.info({ action: 'search.hot-tier', moved }, 'search tiers refreshed');
      },
    },
  };
}
