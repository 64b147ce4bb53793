import type { Logger } from 'pino';
import type { MailTransport } from './mail';

/**
 * The transport outside production when no SMTP_URL is set: nothing leaves
 * the machine. The mail stays in the outbox, readable at the dev mailbox
 * route, so sign-up and password reset work on a laptop with no mail server.
 */
export function createDevMailboxTransport(opts: { log: Logger }): MailTransport {
  const log = opts.log.child({ component: 'mail', transport: 'dev-mailbox' });
  return {
    name: 'dev-mailbox',
    keepsBodies: true,
    async send(mail) {
      log.info(
        { mailId: mail.id, to: mail.to, subject: mail.subject, url: devMailboxPath(mail.to) },
        'mail ready in dev mailbox',
      );
    },
    async close() {},
  };
}

export function devMailboxPath(to: string): string {
  return `/api/v1/dev/mailbox?${new URLSearchParams({ to }).toString()}`;
}
