import { sql } from 'kysely';
import type { DbOrTx } from '@/platform/db/db';
import type { MailRow } from '@/platform/db/schema';
import type { OutgoingMail } from './mail';

/** SQL of the `mail_outbox` table; the delivery rules live in outbox.ts. */

/**
 * How long a claimed mail stays invisible to other workers. Claiming commits
 * at once (no transaction is held open across an SMTP conversation), so this
 * lease is what keeps two workers from sending the same mail; a worker that
 * dies mid-send lets the mail come due again when it expires.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;

const ERROR_MAX_CHARS = 1_000;

export async function insert(db: DbOrTx, mail: OutgoingMail, opts: { dueAt: Date }): Promise<string> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      next_attempt_at: opts.dueAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes up to `limit` due mails and pushes their next attempt past the lease
 * in the same statement. SKIP LOCKED lets concurrent workers claim disjoint
 * batches instead of queueing behind each other.
 */
export async function claimDue(db: DbOrTx, now: Date, limit: number): Promise<MailRow[]> {
  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  return db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * False when the mail was no longer pending (an operator marked it, or another
 * worker won). With `clearBodies`, the text and HTML go in the same statement:
 * a sent mail's tokens have no reason to stay in the database.
 */
export async function markSent(db: DbOrTx, id: string, sentAt: Date, opts: { clearBodies: boolean }): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: 'sent',
      sent_at: sentAt,
      attempts: eb('attempts', '+', 1),
      last_error: null,
      ...(opts.clearBodies ? { text_body: '', html_body: null } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markRetry(
  db: DbOrTx,
  id: string,
  failure: { error: string; nextAttemptAt: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: failure.error.slice(0, ERROR_MAX_CHARS),
      next_attempt_at: failure.nextAttemptAt,
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markFailed(db: DbOrTx, id: string, failure: { error: string }): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: 'failed',
      attempts: eb('attempts', '+', 1),
      last_error: failure.error.slice(0, ERROR_MAX_CHARS),
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findById(db: DbOrTx, id: string): Promise<MailRow | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; addresses compare case-insensitively, matching the `lower(to_address)` index. */
export async function listFor(db: DbOrTx, to: string, limit: number): Promise<MailRow[]> {
  return db
    .selectFrom('mail_outbox')
    .selectAll()
    .where(sql`lower(to_address)`, '=', to.toLowerCase())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
