import type { PlaysService } from '@/modules/plays/plays.service';
import type { SocialService } from '@/modules/social/social.service';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { discoverJobs } from './discover.jobs';
import { registerDiscoverRoutes } from './discover.routes';
import { DiscoverService } from './discover.service';

/**
 * Browsing without a query: trending (a job counts the week's plays into
 * `trending_tracks`), new releases, genres, and a profile's tracks. It owns
 * only the trending snapshot; tracks, plays and blocks are read through
 * their modules' services.
 */
export const discoverModule = defineModule({
  name: 'discover',
  build: (
    p,
    {
      plays,
      tracks,
      users,
      social,
    }: { plays: PlaysService; tracks: TracksService; users: UsersService; social: SocialService },
  ) => {
    const discover = new DiscoverService({ db: p.db, clock: p.clock, plays, tracks, users, social });
    return {
      services: { discover },
      api: (api) => registerDiscoverRoutes(api, { discover }),
      jobs: discoverJobs({ discover }),
    };
  },
});
