import { defineModule } from '@/platform/module';
import { registerUsersRoutes } from './users.routes';
import { UsersService } from './users.service';

export const usersModule = defineModule({
  name: 'users',
  build: (p) => {
    const users = new UsersService({ db: p.db, storage: p.storage, clock: p.clock, accessRevocations: p.revocations });
    return { services: { users }, api: (api) => registerUsersRoutes(api, { users }) };
  },
});
