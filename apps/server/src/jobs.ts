import type { JobSpecs } from '@/platform/jobs/queue';
import type { MailOutbox } from '@/platform/mail/outbox';
import { authJobs, type AuthJobs } from '@/modules/auth/auth.jobs';
import type { AuthService } from '@/modules/auth/auth.service';
import { tracksJobs, type TracksJobDeps, type TracksJobs } from '@/modules/tracks/tracks.jobs';

/** The job catalogue: every job name with its data. A job without a handler does not compile. */
export type Jobs = AuthJobs &
  TracksJobs & {
    'mail.deliver': Record<string, never>;
  };

export function jobSpecs(deps: { auth: AuthService; outbox: MailOutbox; tracks: TracksJobDeps }): JobSpecs<Jobs> {
  return {
    ...authJobs(deps.auth),
    ...tracksJobs(deps.tracks),
    'mail.deliver': {
      // Each send also kicks this job; the cron catches retries and anything a crash dropped.
      cron: '* * * * *',
      runAtBoot: true,
      retryLimit: 0,
      async handler() {
        for (;;) {
          const round = await deps.outbox.deliverDue({ limit: 20 });
          if (round.sent + round.retried + round.failed < 20) return;
        }
      },
    },
  };
}
