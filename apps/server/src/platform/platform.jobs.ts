import { DELIVER_JOB, type DeliverJob } from '@/platform/events/outbox';
import type { JobSpecs } from '@/platform/jobs/queue';
import type { Platform } from '@/platform/platform';

export type PlatformJobs = {
  'mail.deliver': Record<string, never>;
  'events.relay': Record<string, never>;
  'events.deliver': DeliverJob;
  'events.prune': Record<string, never>;
};

declare module '@/platform/jobs/queue' {
  interface Jobs extends PlatformJobs {}
}

/** The platform's own jobs: mail delivery and the event outbox's relay, delivery and pruning. */
export function platformJobs(p: Platform): JobSpecs<PlatformJobs> {
  return {
    'mail.deliver': {
      // Each send also kicks this job; the cron catches retries and anything a crash dropped.
      cron: '* * * * *',
      runAtBoot: true,
      retryLimit: 0,
      async handler() {
        for (;;) {
          const round = await p.mailOutbox.deliverDue({ limit: 20 });
          if (round.sent + round.retried + round.failed < 20) return;
        }
      },
    },
    'events.relay': {
      // Workers relay on each commit (outbox-relay.ts); this is the safety net, and the CLI's handle.
      cron: '* * * * *',
      retryLimit: 0,
      async handler() {
        for (;;) {
          const round = await p.events.relay(p.jobs);
          if (round.relayed === 0) return;
        }
      },
    },
    [DELIVER_JOB]: {
      concurrency: 2,
      retryLimit: 8,
      retryDelaySeconds: 10,
      async handler(job, { log }) {
        const outcome = await p.events.deliver(job, log);
        log.info({
          action: 'events.deliver',
          eventId: job.eventId,
          event: job.name,
          subscriber: job.subscriber,
          outcome,
        });
      },
    },
    'events.prune': {
      cron: '17 3 * * *',
      retryLimit: 0,
      async handler(_data, { log }) {
        const pruned = await p.events.prune();
        log.info({ action: 'events.prune', ...pruned }, 'old events and receipts deleted');
      },
    },
  };
}
