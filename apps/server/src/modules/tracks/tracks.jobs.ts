import type { JobSpecs } from '@/platform/jobs/queue';
import { cleanupOrphanTracks } from './orphan-cleanup';
import { STALE_AFTER_MS, processTrack, type ProcessingDeps } from './track-processing';
import { TracksRepo } from './tracks.repo';

export type TracksJobs = {
  'tracks.process': { trackId: string };
  'tracks.resume-stalled': Record<string, never>;
  'tracks.cleanup-orphans': Record<string, never>;
};

export interface TracksJobDeps extends ProcessingDeps {
  transcodeConcurrency: number;
  enqueueProcessing: (trackId: string) => Promise<void>;
  /** Resumable uploads abandoned for a day are deleted first; their tracks are then orphans. */
  resumableUploads: { deleteExpired(): Promise<number> };
}

export function tracksJobs(deps: TracksJobDeps): JobSpecs<TracksJobs> {
  return {
    'tracks.process': {
      concurrency: deps.transcodeConcurrency,
      retryLimit: 2, // three attempts in all
      retryDelaySeconds: 15,
      // A killed worker's job is picked up by the resume sweep within a minute or two;
      // the queue's own expiry is only the last resort for a hung one.
      expireInSeconds: 60 * 60,
      handler: (data, ctx) => processTrack(deps, data.trackId, ctx),
    },
    'tracks.resume-stalled': {
      // Every minute and at boot: a restart after kill -9 mid-transcode resumes within ~2 minutes.
      cron: '* * * * *',
      runAtBoot: true,
      retryLimit: 0,
      async handler(_data, { log }) {
        const now = deps.clock.now().getTime();
        const stalled = await new TracksRepo(deps.db).stalled({
          unclaimedBefore: new Date(now - 2 * 60_000),
          silentBefore: new Date(now - STALE_AFTER_MS),
          limit: 100,
        });
        for (const { id } of stalled) {
          await deps.enqueueProcessing(id);
          log.info({ action: 'tracks.resume-stalled', trackId: id }, 'stalled track queued again');
        }
      },
    },
    'tracks.cleanup-orphans': {
      // Hourly, and at boot: a restart after a crash mid-upload is when orphans appear.
      cron: '7 * * * *',
      runAtBoot: true,
      async handler(_data, { log }) {
        const expired = await deps.resumableUploads.deleteExpired();
        if (expired > 0)
          log.info({ action: 'tracks.cleanup-orphans', expiredUploads: expired }, 'abandoned uploads deleted');
        for (;;) {
          const round = await cleanupOrphanTracks({ ...deps, log }, { limit: 500 });
          if (round.scanned < 500) return;
        }
      },
    },
  };
}
