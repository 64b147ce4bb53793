import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { defineModule } from '@/platform/module';
import { EncoderBudget } from '@/platform/media/encoder-budget';
import { originalLinkKey } from './original-link';
import { TrackProcessingService } from './track-processing';
import { tracksJobs } from './tracks.jobs';
import { registerTracksRoutes } from './tracks.routes';
import { RESUMABLE_PREFIX, TracksService } from './tracks.service';
import { registerTusUploads } from './tus-uploads';
import './tracks.events';

export const tracksModule = defineModule({
  name: 'tracks',
  build: (p) => {
    const { config, db, storage, clock, media } = p;
    const { maxUploadBytes } = config.tracks;
    // tus writes resumable uploads under the storage root, so a finished one is a blob like any other.
    const resumableUploads = new FileStore({
      directory: path.join(config.dataDir, 'storage', RESUMABLE_PREFIX),
      expirationPeriodInMilliseconds: 24 * 60 * 60 * 1000,
    });
    const transcodes = new AbortController();
    p.shutdown.register('transcodes', () => Promise.resolve(transcodes.abort()), { phase: 'drain' });
    const processing = new TrackProcessingService({
      db,
      storage,
      clock,
      media,
      bus: p.bus,
      events: p.events,
      jobs: p.jobs,
      log: p.log,
      workDir: path.join(config.dataDir, 'work'),
      shutdownSignal: transcodes.signal,
      encoderBudget: new EncoderBudget(),
    });
    const tracks = new TracksService({
      db,
      storage,
      clock,
      media,
      processing,
      events: p.events,
      settings: { maxUploadBytes, quotas: config.quotas },
      rateLimiters: p.rateLimiters,
      originalLinkKey: originalLinkKey(config.auth.sessionSecret),
    });
    return {
      services: { tracks, trackProcessing: processing },
      async api(api) {
        await registerTracksRoutes(api, { tracks, bus: p.bus, maxUploadBytes });
        await api.register(async (scope) =>
          registerTusUploads(scope, { tracks, store: resumableUploads, maxUploadBytes }),
        );
      },
      jobs: tracksJobs({
        db,
        storage,
        clock,
        events: p.events,
        processing,
        transcodeConcurrency: config.tracks.transcodeConcurrency,
        resumableUploads,
      }),
      subscriptions: {
        'track.deleted': ({ trackId, filePath }) => tracks.removeFiles({ id: trackId, file_path: filePath }),
      },
    };
  },
});
