import { authModule } from '@/modules/auth/auth.module';
import { devModule } from '@/modules/dev/dev.module';
import { discoverModule } from '@/modules/discover/discover.module';
import { libraryModule } from '@/modules/library/library.module';
import { notificationsModule } from '@/modules/notifications/notifications.module';
import { playsModule } from '@/modules/plays/plays.module';
import { searchModule } from '@/modules/search/search.module';
import { socialModule } from '@/modules/social/social.module';
import { streamingModule } from '@/modules/streaming/streaming.module';
import { tracksModule } from '@/modules/tracks/tracks.module';
import { usersModule } from '@/modules/users/users.module';
import { ModuleList } from '@/platform/module';

/**
 * Every module, in build order: a module may use the services of those
 * above it (the compiler checks). Adding a module is one line here.
 */
export const MODULES = ModuleList.start()
  .add(usersModule)
  .add(authModule)
  .add(tracksModule)
  .add(playsModule)
  .add(streamingModule)
  .add(libraryModule)
  .add(socialModule)
  .add(notificationsModule)
  .add(searchModule)
  .add(discoverModule)
  .add(devModule);

export type Services = typeof MODULES extends ModuleList<infer S> ? S : never;
