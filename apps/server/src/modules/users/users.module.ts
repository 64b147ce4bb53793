import { defineModule } from '@/platform/module';
import { registerUsersRoutes } from './users.routes';
import { UsersService } from './users.service';
import './users.events';

export const usersModule = defineModule({
  name: 'users',
  build: (p) => {
    const users = new UsersService({
      db: p.db,
      storage: p.storage,
      clock: p.clock,
      events: p.events,
      accessRevocations: p.revocations,
    });
    return { services: { users }, api: (api) => registerUsersRoutes(api, { users }) };
  },
});
