import type { JobSpecs } from '@/platform/jobs/queue';
import type { DiscoverService } from './discover.service';

export type DiscoverJobs = {
  'discover.refresh-trending': Record<string, never>;
};

declare module '@/platform/jobs/queue' {
  interface Jobs extends DiscoverJobs {}
}

export function discoverJobs({ discover }: { discover: DiscoverService }): JobSpecs<DiscoverJobs> {
  return {
    'discover.refresh-trending': {
      // Every ten minutes and at boot: one grouped read of a week of plays, cheap next to reading it per visit.
      cron: '*/10 * * * *',
      runAtBoot: true,
      retryLimit: 1,
      async handler(_data, { log }) {
        await discover.refreshTrending(log);
      },
    },
  };
}
