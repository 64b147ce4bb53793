import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { registerProfileListRoutes } from './profile-lists.routes';
import { ProfileListsService } from './profile-lists.service';
import { registerSocialRoutes } from './social.routes';
import { SocialService } from './social.service';
import './social.events';

/**
 * Follows, likes, reposts and blocks between users and tracks.
 *
 * Likes live here with follows and reposts (not with playlists in
 * `library`) because all three are the same idempotent toggle with a
 * counter: one piece of code (`setEdge` in social.toggle.ts) inserts with
 * ON CONFLICT DO NOTHING or deletes, and moves the counter by exactly the
 * rows affected in the same transaction, for all of them. The counters are
 * columns of `tracks` and `users`, changed only through TracksService and
 * UsersService.
 */
export const socialModule = defineModule({
  name: 'social',
  build: (p, { tracks, users }: { tracks: TracksService; users: UsersService }) => {
    const social = new SocialService({ db: p.db, clock: p.clock, events: p.events, tracks, users });
    const profileLists = new ProfileListsService({ db: p.db, tracks, users });
    return {
      services: { social, profileLists },
      api: (api) => {
        registerSocialRoutes(api, { social });
        registerProfileListRoutes(api, { profileLists });
      },
    };
  },
});
