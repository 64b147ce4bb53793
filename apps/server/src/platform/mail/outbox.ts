import type { Logger } from 'pino';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { MailRow } from '@/platform/db/schema';
import type { MailTransport, OutgoingMail } from './mail';
import * as outboxRepo from './outbox.repo';

export const MAX_MAIL_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** Delay before the next attempt, given how many attempts already failed (≥ 1): 30 s, 1 min, 2 min, … ≤ 1 h. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, failedAttempts - 1));
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Transactional outbox for e-mail: `enqueue` writes the mail in the caller's
 * transaction (a sign-up that rolls back sends nothing; one that commits
 * never loses its mail), and a worker sweep calls `deliverDue`.
 */
export class MailOutbox {
  private readonly db: Db;
  private readonly transport: MailTransport;
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(deps: { db: Db; transport: MailTransport; clock: Clock; log: Logger }) {
    this.db = deps.db;
    this.transport = deps.transport;
    this.clock = deps.clock;
    this.log = deps.log.child({ component: 'mail-outbox', transport: deps.transport.name });
  }

  async enqueue(mail: OutgoingMail, trx?: DbOrTx): Promise<string> {
    return outboxRepo.insert(trx ?? this.db, mail, { dueAt: this.clock.now() });
  }

  /** Recent mails to one address, for the development mailbox. */
  async listFor(to: string, opts: { limit?: number } = {}): Promise<MailRow[]> {
    return outboxRepo.listFor(this.db, to, opts.limit ?? 20);
  }

  /** Idempotent and batch-limited, so it is safe to run from cron, at boot and from the CLI at once. */
  async deliverDue(opts: { limit?: number } = {}): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
    const due = await outboxRepo.claimDue(this.db, this.clock.now(), opts.limit ?? 20);
    for (const row of due) {
      report[await this.deliver(row)] += 1;
    }
    return report;
  }

  private async deliver(row: MailRow): Promise<keyof DeliveryReport> {
    // Never log bodies: they carry verification and reset tokens.
    const fields = { mailId: row.id, to: row.to_address, subject: row.subject };
    try {
      await this.transport.send({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body !== null ? { html: row.html_body } : {}),
      });
    } catch (err) {
      return this.recordFailure(row, fields, err);
    }
    await outboxRepo.markSent(this.db, row.id, this.clock.now(), { clearBodies: !this.transport.keepsBodies });
    this.log.info({ ...fields, outcome: 'sent', attempt: row.attempts + 1 }, 'mail sent');
    return 'sent';
  }

  private async recordFailure(
    row: MailRow,
    fields: Record<string, string>,
    err: unknown,
  ): Promise<keyof DeliveryReport> {
    const error = err instanceof Error ? err.message : String(err);
    const attempts = row.attempts + 1;
    if (attempts >= MAX_MAIL_ATTEMPTS) {
      await outboxRepo.markFailed(this.db, row.id, { error });
      this.log.error({ ...fields, outcome: 'failed', attempts, error }, 'mail delivery failed for good');
      return 'failed';
    }
    const nextAttemptAt = new Date(this.clock.now().getTime() + retryDelayMs(attempts));
    await outboxRepo.markRetry(this.db, row.id, { error, nextAttemptAt });
    this.log.warn({ ...fields, outcome: 'retry', attempts, nextAttemptAt, error }, 'mail delivery failed, will retry');
    return 'retried';
  }
}
