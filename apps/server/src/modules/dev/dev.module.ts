import { defineModule, type ModuleParts } from '@/platform/module';
import { registerDevRoutes } from './dev.routes';

/** Development helpers (the mailbox, a slow endpoint); never mounted in production. */
export const devModule = defineModule({
  name: 'dev',
  build: (p) => {
    const parts: ModuleParts<object> = { services: {} };
    if (!p.config.isProduction) parts.api = (api) => registerDevRoutes(api, { db: p.db, mailbox: p.config.devMailbox });
    return parts;
  },
});
