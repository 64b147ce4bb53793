import type { JobSpecs } from '@/platform/jobs/queue';
import type { PlaylistCovers } from './playlist-covers';

export type LibraryJobs = {
  /** Re-make a playlist's 2×2 mosaic from its first four covers (a no-op when they did not change). */
  'library.playlist-cover': { playlistId: string };
};

declare module '@/platform/jobs/queue' {
  interface Jobs extends LibraryJobs {}
}

export function libraryJobs({ covers }: { covers: PlaylistCovers }): JobSpecs<LibraryJobs> {
  return {
    'library.playlist-cover': {
      // Mosaics are small ffmpeg runs; two at once keep a burst of edits moving without crowding transcodes.
      concurrency: 2,
      retryLimit: 3,
      retryDelaySeconds: 10,
      expireInSeconds: 5 * 60,
      async handler({ playlistId }, { log }) {
        await covers.renderMosaic(playlistId, log);
      },
    },
  };
}
