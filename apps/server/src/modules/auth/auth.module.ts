import cookie from '@fastify/cookie';
import type { UsersService } from '@/modules/users/users.service';
import { defineModule } from '@/platform/module';
import { authJobs } from './auth.jobs';
import { registerAuthRoutes } from './auth.routes';
import { AuthService } from './auth.service';
import './auth.events';

export const authModule = defineModule({
  name: 'auth',
  build: (p, { users }: { users: UsersService }) => {
    const { config } = p;
    const auth = new AuthService({
      db: p.db,
      users,
      mailer: p.mailer,
      events: p.events,
      clock: p.clock,
      rateLimiters: p.rateLimiters,
      revocations: p.revocations,
      queue: p.jobs,
      settings: { ...config.auth, publicUrl: config.publicUrl, rateLimit: config.rateLimit },
    });
    return {
      services: { auth },
      // Only the auth routes read or set cookies: parsing them for every API call would be wasted work.
      async api(api) {
        await api.register(async (withCookies) => {
          await withCookies.register(cookie);
          registerAuthRoutes(withCookies, { auth, secureCookies: secureCookies(config.publicUrl) });
        });
      },
      jobs: authJobs(auth),
    };
  },
});

/** Cookies are Secure (and the CSRF one `__Host-`) everywhere but plain-http localhost development. */
export function secureCookies(publicUrl: string): boolean {
  const { protocol, hostname } = new URL(publicUrl);
  return !(protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname));
}
