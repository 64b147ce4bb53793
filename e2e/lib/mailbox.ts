import type { VezaServer } from './server';

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
}

/** Mails sent to `to`, as the development mailbox (no SMTP_URL) holds them. */
export async function mailsTo(server: VezaServer, to: string): Promise<Mail[]> {
  const res = await fetch(`${server.url}/api/v1/dev/mailbox?${new URLSearchParams({ to }).toString()}`);
  if (!res.ok) throw new Error(`GET /api/v1/dev/mailbox answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { messages: Mail[] };
  return body.messages;
}

/** Polls the mailbox until a mail to `to` matches, e.g. `(m) => /verify/i.test(m.subject)`. */
export async function waitForMail(
  server: VezaServer,
  to: string,
  match: (mail: Mail) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  let seen: Mail[] = [];
  while (Date.now() < deadline) {
    seen = await mailsTo(server, to);
    const found = seen.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `no matching mail to ${to} within ${timeoutMs} ms; the mailbox holds: ${JSON.stringify(seen.map((m) => m.subject))}`,
  );
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`${escaped}\\S*`).exec(mail.text);
  if (!found) throw new Error(`no link starting with ${prefix} in the mail "${mail.subject}":\n${mail.text}`);
  return found[0];
}
