import type { JobSpecs } from '@/platform/jobs/queue';
import type { AuthService } from './auth.service';

export type AuthJobs = {
  'auth.purge-expired-tokens': Record<string, never>;
  /** Forgot-password's lookup and mail, off the request so its timing says nothing about the account. */
  'auth.send-password-reset': { email: string };
};

declare module '@/platform/jobs/queue' {
  interface Jobs extends AuthJobs {}
}

export function authJobs(auth: AuthService): JobSpecs<AuthJobs> {
  return {
    'auth.purge-expired-tokens': {
      cron: '17 3 * * *',
      async handler(_data, { log }) {
        // Batches until a round deletes less than a full batch: safe to replay, never one huge lock.
        for (;;) {
          const purged = await auth.purgeExpired({ limit: 5_000 });
          log.info({ action: 'auth.purge-expired-tokens', ...purged }, 'purged expired tokens');
          if (purged.refreshTokens < 5_000 && purged.emailTokens < 5_000) return;
        }
      },
    },
    'auth.send-password-reset': {
      // A retry sends a fresh link and voids the previous one: at worst a second mail.
      async handler({ email }) {
        await auth.sendPasswordReset(email);
      },
    },
  };
}
