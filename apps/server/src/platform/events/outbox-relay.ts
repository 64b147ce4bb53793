import type { Logger } from 'pino';
import type { JobQueue } from '@/platform/jobs/queue';
import type { EventOutbox } from './outbox';
import { OUTBOX_CHANNEL } from './outbox';
import { createPgEventBus } from './pg-bus';

/** A missed wake-up (a reconnect, a NOTIFY lost with its listener) waits at most this long. */
const POLL_MS = 10_000;

/**
 * Relays committed events as soon as their transaction commits: the
 * outbox's NOTIFY wakes a LISTEN connection in each worker, and a poll
 * catches anything a lost connection missed. Runs are serialised per
 * process; several workers share the work through SKIP LOCKED.
 */
export async function startOutboxRelay(opts: {
  url: string;
  outbox: EventOutbox;
  jobs: Pick<JobQueue<never>, 'insertWith'>;
  log: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const log = opts.log.child({ component: 'event-relay' });
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const runOnce = async () => {
    for (;;) {
      const round = await opts.outbox.relay(opts.jobs);
      if (round.relayed === 0 || stopped) return;
    }
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .catch((err: unknown) => log.warn({ err }, 'event relay failed; the next wake-up retries'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  };

  const wakeUps = createPgEventBus<{ 'outbox.committed': object }>({ url: opts.url, log, channel: OUTBOX_CHANNEL });
  await wakeUps.subscribe('outbox.committed', wake).catch((err: unknown) => {
    log.warn({ err }, 'no wake-ups from commits; relaying by polling only');
  });
  const poll = setInterval(wake, POLL_MS);
  poll.unref();
  wake(); // what was committed while no worker ran

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      await wakeUps.close();
      await running;
    },
  };
}
