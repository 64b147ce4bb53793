import type { LibraryService } from '@/modules/library/library.service';
import type { SocialService } from '@/modules/social/social.service';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { registerNotificationRoutes } from './notifications.routes';
import { NotificationsService } from './notifications.service';
import { notificationSubscriptions } from './notifications.subscriptions';

/**
 * New followers, likes, reposts, comments and replies, grouped per
 * recipient, kind and target. Written only by this module's event
 * subscriptions; the unread count reaches open pages over the live bus, so
 * a notification written by a worker process reaches an API process's
 * event stream.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  build: (
    p,
    {
      tracks,
      users,
      library,
      social,
    }: { tracks: TracksService; users: UsersService; library: LibraryService; social: SocialService },
  ) => {
    const notifications = new NotificationsService({
      db: p.db,
      clock: p.clock,
      bus: p.bus,
      tracks,
      library,
      social,
      users,
    });
    return {
      services: { notifications },
      api: (api) => registerNotificationRoutes(api, { notifications, bus: p.bus }),
      subscriptions: notificationSubscriptions(notifications),
    };
  },
});
