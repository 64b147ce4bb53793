import type { LibraryService } from '@/modules/library/library.service';
import type { SocialService } from '@/modules/social/social.service';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { PostgresSearchIndex } from './postgres-search-index';
import { SearchIndexer } from './search-indexer';
import { searchJobs } from './search.jobs';
import { registerSearchRoutes } from './search.routes';
import { SearchService } from './search.service';
import '@/modules/tracks/tracks.events';
import '@/modules/users/users.events';
import '@/modules/library/library.events';

export const searchModule = defineModule({
  name: 'search',
  build: (
    p,
    {
      tracks,
      users,
      library,
      social,
    }: { tracks: TracksService; users: UsersService; library: LibraryService; social: SocialService },
  ) => {
    const index = new PostgresSearchIndex(p.db, p.clock);
    const indexer = new SearchIndexer({ index, clock: p.clock, tracks, users, library });
    const search = new SearchService({ index, indexer, tracks, users, library, social });
    return {
      services: { search },
      api: (api) => registerSearchRoutes(api, { search }),
      jobs: searchJobs({ index }),
      // The index is written outside the delivery's transaction (an external index would be too):
      // each handler reads the source's current state and upserts or removes, so a redelivery is harmless.
      subscriptions: {
        'track.changed': ({ trackId }) => indexer.indexTrack(trackId),
        'track.deleted': ({ trackId }) => indexer.removeTrack(trackId),
        'user.changed': ({ userId }) => indexer.indexUser(userId),
        'playlist.changed': ({ playlistId }) => indexer.indexPlaylist(playlistId),
        'playlist.deleted': ({ playlistId }) => indexer.removePlaylist(playlistId),
      },
    };
  },
});
