import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { libraryJobs } from './library.jobs';
import { registerLibraryRoutes } from './library.routes';
import { registerPlaylistCoverRoutes } from './playlist-cover.routes';
import { LibraryService } from './library.service';
import { PlaylistCovers } from './playlist-covers';
import './library.events';
import '@/modules/tracks/tracks.events';

export const libraryModule = defineModule({
  name: 'library',
  build: (p, { tracks, users }: { tracks: TracksService; users: UsersService }) => {
    const covers = new PlaylistCovers({ db: p.db, storage: p.storage, media: p.media, clock: p.clock, tracks });
    const library = new LibraryService({ db: p.db, clock: p.clock, events: p.events, tracks, users, covers });
    /**
     * The mosaic is made by the `library.playlist-cover` job, queued from
     * the delivery of a durable event, so an edit never waits for ffmpeg and
     * a crash between the edit and the queue loses nothing (the delivery is
     * retried). Without a running queue (CLI, tests) the delivery renders it.
     */
    const refreshMosaic = async (playlistId: string, log: Parameters<PlaylistCovers['renderMosaic']>[1]) => {
      if (p.jobs.started) await p.jobs.send('library.playlist-cover', { playlistId });
      else await covers.renderMosaic(playlistId, log);
    };
    const refreshMosaicsOf = async (trackId: string, log: Parameters<PlaylistCovers['renderMosaic']>[1]) => {
      for (const playlistId of await covers.playlistsWithTrack(trackId)) await refreshMosaic(playlistId, log);
    };
    return {
      services: { library },
      async api(api) {
        registerLibraryRoutes(api, { library });
        await registerPlaylistCoverRoutes(api, { library });
      },
      jobs: libraryJobs({ covers }),
      subscriptions: {
        'playlist.changed': ({ playlistId }, { log }) => refreshMosaic(playlistId, log),
        // A track turned private, failed or deleted leaves the mosaics it was in.
        'track.changed': ({ trackId }, { log }) => refreshMosaicsOf(trackId, log),
        'track.deleted': ({ trackId }, { log }) => refreshMosaicsOf(trackId, log),
      },
    };
  },
});
