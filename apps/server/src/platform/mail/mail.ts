import type { DbOrTx } from '@/platform/db/db';

/** An e-mail as the outbox stores it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Delivers one mail or throws; the outbox retries with backoff. */
export interface MailTransport {
  readonly name: string;
  /**
   * The stored mail is the delivery (the dev mailbox shows it): its body must
   * stay. Every other transport has the text and HTML bodies, which hold
   * reset and verification tokens, cleared from the outbox once sent.
   */
  readonly keepsBodies?: boolean;
  send(mail: OutgoingMail & { id: string }): Promise<void>;
  close(): Promise<void>;
}

/** What services use to send mail: enqueue in their transaction, then nudge delivery. */
export interface Mailer {
  enqueue(mail: OutgoingMail, trx?: DbOrTx): Promise<string>;
  /** Asks the worker to deliver soon; best effort, the sweep catches anything missed. */
  kick(): Promise<void>;
}
