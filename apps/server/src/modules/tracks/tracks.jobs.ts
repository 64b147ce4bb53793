import type { JobSpecs } from '@/platform/jobs/queue';
import { cleanupOrphanTracks, type OrphanCleanupDeps } from './orphan-cleanup';

export type TracksJobs = {
  'tracks.cleanup-orphans': Record<string, never>;
};

export function tracksJobs(deps: OrphanCleanupDeps): JobSpecs<TracksJobs> {
  return {
    'tracks.cleanup-orphans': {
      // Hourly, and at boot: a restart after a crash mid-upload is when orphans appear.
      cron: '7 * * * *',
      runAtBoot: true,
      async handler(_data, { log }) {
        for (;;) {
          const round = await cleanupOrphanTracks({ ...deps, log }, { limit: 500 });
          if (round.scanned < 500) return;
        }
      },
    },
  };
}
