import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import type { EventPublisher } from '@/platform/events/outbox';
import type { JobSpecs } from '@/platform/jobs/queue';
import type { BlobStorage } from '@/platform/storage/storage';
import { cleanupOrphanTracks } from './orphan-cleanup';
import type { TrackProcessingService } from './track-processing';

export type TracksJobs = {
  'tracks.process': { trackId: string };
  'tracks.resume-stalled': Record<string, never>;
  'tracks.cleanup-orphans': Record<string, never>;
};

declare module '@/platform/jobs/queue' {
  interface Jobs extends TracksJobs {}
}

export interface TracksJobDeps {
  db: Db;
  storage: BlobStorage;
  clock: Clock;
  events: EventPublisher;
  processing: TrackProcessingService;
  transcodeConcurrency: number;
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
      handler: (data, ctx) => deps.processing.process(data.trackId, ctx),
    },
    'tracks.resume-stalled': {
      // Every minute and at boot: a restart after kill -9 mid-transcode resumes within ~2 minutes.
      cron: '* * * * *',
      runAtBoot: true,
      retryLimit: 0,
      async handler(_data, { log }) {
        await deps.processing.resumeStalled(log);
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
