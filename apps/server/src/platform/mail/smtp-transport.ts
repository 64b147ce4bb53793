import nodemailer from 'nodemailer';
import type { MailTransport } from './mail';

/**
 * Sends through an SMTP relay given as `smtp://user:pass@host:587` (STARTTLS,
 * required when `requireTls`) or `smtps://user:pass@host:465` (TLS from the
 * first byte). Mails carry reset and verification links: with `requireTls`,
 * a relay that does not offer STARTTLS is refused rather than sent them in
 * the clear.
 */
export function createSmtpTransport(opts: { url: string; from: string; requireTls: boolean }): MailTransport {
  const transporter = nodemailer.createTransport({
    ...parseSmtpUrl(opts.url),
    requireTLS: opts.requireTls,
    // A sweep sends its batch over one reused connection instead of a handshake per mail.
    pool: true,
    maxConnections: 2,
    // A hung relay must fail the attempt well inside the outbox's claim lease.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    name: 'smtp',
    async send(mail) {
      await transporter
        .sendMail({
          from: opts.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html !== undefined ? { html: mail.html } : {}),
          // The outbox id as Message-ID makes a resend after a lost acknowledgement recognisable as a duplicate.
          messageId: `<${mail.id}@${domainOf(opts.from)}>`,
        })
        .catch((err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          if (opts.requireTls && /STARTTLS/i.test(message)) {
            throw new Error(
              `The SMTP server did not take STARTTLS, and SMTP_REQUIRE_TLS forbids sending mail in the clear (${message})`,
            );
          }
          throw err;
        });
    },
    async close() {
      transporter.close();
    },
  };
}

export function parseSmtpUrl(raw: string): {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
} {
  const url = new URL(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
  }
  if (!url.hostname) throw new Error('SMTP_URL has no host');
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    // WHATWG keeps IPv6 brackets in hostname; sockets want the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
  };
}

function domainOf(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'veza.local';
}
