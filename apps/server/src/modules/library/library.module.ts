import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { registerLibraryRoutes } from './library.routes';
import { LibraryService } from './library.service';
import './library.events';

export const libraryModule = defineModule({
  name: 'library',
  build: (p, { tracks, users }: { tracks: TracksService; users: UsersService }) => {
    const library = new LibraryService({ db: p.db, clock: p.clock, events: p.events, tracks, users });
    return { services: { library }, api: (api) => registerLibraryRoutes(api, { library }) };
  },
});
