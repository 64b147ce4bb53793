import type { LibraryService } from '@/modules/library/library.service';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { registerCommentRoutes } from './comments.routes';
import { CommentsService } from './comments.service';
import { FeedService } from './feed.service';
import { registerFeedRoutes } from './feed.routes';
import { PlaylistEdges } from './playlist-edges';
import { registerPlaylistEdgeRoutes } from './playlist-edges.routes';
import { registerProfileListRoutes } from './profile-lists.routes';
import { ProfileListsService } from './profile-lists.service';
import { registerSocialRoutes } from './social.routes';
import { SocialService } from './social.service';
import './social.events';
import './comments.events';
import './playlist-edges.events';

/**
 * Follows, likes, reposts and blocks between users and tracks.
 *
 * Likes live here with follows and reposts (not with playlists in
 * `library`) because all three are the same idempotent toggle with a
 * counter: one piece of code (`setEdge` in social.toggle.ts) inserts with
 * ON CONFLICT DO NOTHING or deletes, and moves the counter by exactly the
 * rows affected in the same transaction, for all of them. The counters are
 * columns of `tracks`, `playlists` and `users`, changed only through
 * TracksService, LibraryService and UsersService.
 *
 * Timed comments (comments.*.ts) live here too: they need the blocks
 * (a user the track's owner blocked cannot comment on their tracks).
 */
export const socialModule = defineModule({
  name: 'social',
  build: (p, { tracks, users, library }: { tracks: TracksService; users: UsersService; library: LibraryService }) => {
    const playlists = new PlaylistEdges({ db: p.db, clock: p.clock, events: p.events, library });
    const social = new SocialService({ db: p.db, clock: p.clock, events: p.events, tracks, users, playlists });
    const comments = new CommentsService({ db: p.db, clock: p.clock, events: p.events, tracks, users, social });
    const feed = new FeedService({ db: p.db, tracks, library, users });
    const profileLists = new ProfileListsService({ db: p.db, tracks, users });
    return {
      services: { social, comments, feed, profileLists },
      api: (api) => {
        registerSocialRoutes(api, { social });
        registerPlaylistEdgeRoutes(api, { playlists });
        registerCommentRoutes(api, { comments });
        registerFeedRoutes(api, { feed });
        registerProfileListRoutes(api, { profileLists });
      },
    };
  },
});
