import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { FakeClock } from '@/platform/clock/clock';
import { createDb, createPool, type Db } from '@/platform/db/db';
import { createDevMailboxTransport, devMailboxPath } from './dev-mailbox-transport';
import type { MailTransport } from './mail';
import { MAX_MAIL_ATTEMPTS, MailOutbox, retryDelayMs } from './outbox';
import * as outboxRepo from './outbox.repo';
import { createSmtpTransport, parseSmtpUrl } from './smtp-transport';

const silent = pino({ level: 'silent' });

interface Received {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

/** A real SMTP server on a free port that keeps what it receives. */
class TestSmtp {
  readonly received: Received[] = [];
  rejectRecipients = false;
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === 'veza' && auth.password === 'p@ss:word') callback(null, { user: auth.username });
        else callback(new Error('bad credentials'));
      },
      onRcptTo: (_address, _session, callback) => {
        if (this.rejectRecipients) callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 450 }));
        else callback();
      },
      onData: (stream, session, callback) => {
        const parts: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => parts.push(chunk));
        stream.on('end', () => {
          const envelope = session.envelope;
          this.received.push({
            from: envelope.mailFrom ? envelope.mailFrom.address : '',
            to: envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(parts).toString('utf8'),
            user: session.user as string | undefined,
          });
          callback();
        });
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://veza:${encodeURIComponent('p@ss:word')}@127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function captureLog(): { log: Logger; lines: Record<string, unknown>[]; text: () => string } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines, text: () => raw.join('') };
}

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let smtp: TestSmtp;
const transports: MailTransport[] = [];
const extraDbs: Db[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(createPool(database.url, 4));
  smtp = new TestSmtp();
  await smtp.start();
});

afterAll(async () => {
  await smtp.close();
  await db.destroy();
  await database.drop();
});

beforeEach(async () => {
  await db.deleteFrom('mail_outbox').execute();
  smtp.received.length = 0;
  smtp.rejectRecipients = false;
});

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(extraDbs.splice(0).map((d) => d.destroy()));
});

/** The test server offers no STARTTLS: it takes mail only from a transport that does not require TLS. */
function smtpTransport({ requireTls = false } = {}): MailTransport {
  const transport = createSmtpTransport({ url: smtp.url, from: 'Veza <no-reply@veza.test>', requireTls });
  transports.push(transport);
  return transport;
}

describe('mail outbox over SMTP', () => {
  it('delivers a mail enqueued in a committed transaction, and nothing from a rolled-back one', async () => {
    const clock = new FakeClock();
    const outbox = new MailOutbox({ db, transport: smtpTransport(), clock, log: silent });

    const id = await db.transaction().execute((trx) =>
      outbox.enqueue(
        {
          to: 'Ada@Example.test',
          subject: 'Verify your address',
          text: 'Open https://veza.test/verify?token=abc123',
          html: '<p>Verify: <a href="https://veza.test/verify?token=abc123">link</a></p>',
        },
        trx,
      ),
    );
    await expect(
      db.transaction().execute(async (trx) => {
        await outbox.enqueue({ to: 'ghost@example.test', subject: 'Never', text: 'never sent' }, trx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');

    expect(await outbox.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.user).toBe('veza');
    expect(mail?.from).toBe('no-reply@veza.test');
    // Nodemailer lowercases the domain; the local part is kept.
    expect(mail?.to).toEqual(['Ada@example.test']);
    expect(mail?.raw).toMatch(/^Subject: Verify your address\r?$/m);
    expect(mail?.raw).toContain('Open https://veza.test/verify?token=abc123');
    expect(mail?.raw).toContain('Content-Type: text/html');
    expect(mail?.raw).toContain(`Message-ID: <${id}@veza.test>`);

    const row = await outboxRepo.findById(db, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, sent_at: clock.now() });
    expect(await outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('clears the bodies, which hold the tokens, once the mail is sent, keeping who, what and when', async () => {
    const clock = new FakeClock();
    const outbox = new MailOutbox({ db, transport: smtpTransport(), clock, log: silent });
    const mail = {
      to: 'g@example.test',
      subject: 'Reset your password',
      text: 'https://veza.test/reset?token=tok-123',
      html: '<a href="https://veza.test/reset?token=tok-123">Reset</a>',
    };
    const id = await outbox.enqueue(mail);
    // Waiting or retrying, the body is still needed.
    smtp.rejectRecipients = true;
    await outbox.deliverDue();
    expect(await outboxRepo.findById(db, id)).toMatchObject({ text_body: mail.text, html_body: mail.html });

    smtp.rejectRecipients = false;
    clock.advance(30_000);
    expect(await outbox.deliverDue()).toMatchObject({ sent: 1 });
    expect(smtp.received[0]?.raw).toContain('tok-123');
    expect(await outboxRepo.findById(db, id)).toMatchObject({
      status: 'sent',
      to_address: 'g@example.test',
      subject: 'Reset your password',
      sent_at: clock.now(),
      text_body: '',
      html_body: null,
    });
  });

  it('refuses a server without STARTTLS when TLS is required, and uses it when not', async () => {
    const clock = new FakeClock();
    const strict = new MailOutbox({ db, transport: smtpTransport({ requireTls: true }), clock, log: silent });
    const id = await strict.enqueue({ to: 'h@example.test', subject: 'Verify', text: 'token' });
    expect(await strict.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    const row = await outboxRepo.findById(db, id);
    expect(row).toMatchObject({ status: 'pending', text_body: 'token' });
    expect(row?.last_error).toMatch(/did not take STARTTLS, and SMTP_REQUIRE_TLS forbids/);

    clock.advance(30_000);
    const lenient = new MailOutbox({ db, transport: smtpTransport({ requireTls: false }), clock, log: silent });
    expect(await lenient.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('retries with exponential backoff, then gives up after the attempt cap', async () => {
    const clock = new FakeClock();
    const outbox = new MailOutbox({ db, transport: smtpTransport(), clock, log: silent });
    const id = await outbox.enqueue({ to: 'bob@example.test', subject: 'Reset', text: 'token' });
    smtp.rejectRecipients = true;

    const delays: number[] = [];
    for (let attempt = 1; attempt < MAX_MAIL_ATTEMPTS; attempt++) {
      expect(await outbox.deliverDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
      const row = await outboxRepo.findById(db, id);
      expect(row).toMatchObject({ status: 'pending', attempts: attempt });
      expect(row?.last_error).toMatch(/mailbox unavailable/);
      const delay = (row?.next_attempt_at.getTime() ?? 0) - clock.now().getTime();
      delays.push(delay / 1000);
      // Not due a moment before the backoff ends.
      clock.advance(delay - 1);
      expect(await outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
      clock.advance(1);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);

    expect(await outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await outboxRepo.findById(db, id)).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    clock.advance(24 * 3600_000);
    smtp.rejectRecipients = false;
    expect(await outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('caps the backoff at one hour', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(7)).toBe(1_920_000);
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(30)).toBe(3_600_000);
  });

  it('sends a mail once it recovers from a transient failure', async () => {
    const clock = new FakeClock();
    const outbox = new MailOutbox({ db, transport: smtpTransport(), clock, log: silent });
    const id = await outbox.enqueue({ to: 'c@example.test', subject: 'Hello', text: 'body' });
    smtp.rejectRecipients = true;
    expect(await outbox.deliverDue()).toMatchObject({ retried: 1 });
    smtp.rejectRecipients = false;
    clock.advance(30_000);
    expect(await outbox.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await outboxRepo.findById(db, id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('never sends a mail twice when two workers deliver concurrently', async () => {
    const clock = new FakeClock();
    const ids = new Set<string>();
    const writer = new MailOutbox({ db, transport: smtpTransport(), clock, log: silent });
    for (let i = 0; i < 30; i++) {
      ids.add(await writer.enqueue({ to: `user${i}@example.test`, subject: `Mail ${i}`, text: `body ${i}` }));
    }
    // Two processes' worth: separate pools, separate SMTP connections.
    const workers = [0, 1].map(() => {
      const workerDb = createDb(createPool(database.url, 2));
      extraDbs.push(workerDb);
      return new MailOutbox({ db: workerDb, transport: smtpTransport(), clock, log: silent });
    });

    let total = 0;
    for (let round = 0; round < 10; round++) {
      const reports = await Promise.all(workers.map((w) => w.deliverDue({ limit: 7 })));
      const sent = reports.reduce((n, r) => n + r.sent, 0);
      if (round === 0) expect(sent).toBe(14);
      total += sent;
      if (sent === 0) break;
    }

    expect(total).toBe(30);
    const messageIds = smtp.received.map((m) => /^Message-ID: <([^@]+)@/m.exec(m.raw)?.[1]);
    expect(messageIds).toHaveLength(30);
    expect(new Set(messageIds)).toEqual(ids);
  });

  it('logs one line per action without the body', async () => {
    const clock = new FakeClock();
    const { log, lines, text } = captureLog();
    const outbox = new MailOutbox({ db, transport: smtpTransport(), clock, log });
    const id = await outbox.enqueue({ to: 'd@example.test', subject: 'Reset your password', text: 'secret-token-123' });
    smtp.rejectRecipients = true;
    await outbox.deliverDue();
    smtp.rejectRecipients = false;
    clock.advance(30_000);
    await outbox.deliverDue();

    expect(lines.map((l) => [l.outcome, l.mailId, l.to, l.subject])).toEqual([
      ['retry', id, 'd@example.test', 'Reset your password'],
      ['sent', id, 'd@example.test', 'Reset your password'],
    ]);
    expect(text()).not.toContain('secret-token-123');
  });
});

describe('dev mailbox transport', () => {
  it('sends nothing, says where to read the mail, and leaves it readable in the outbox', async () => {
    const clock = new FakeClock();
    const { log, lines, text } = captureLog();
    const outbox = new MailOutbox({ db, transport: createDevMailboxTransport({ log }), clock, log: silent });
    const first = await outbox.enqueue({ to: 'Eve+dev@Example.test', subject: 'Verify', text: 'token-1' });
    const second = await outbox.enqueue({ to: 'eve+dev@example.test', subject: 'Reset', text: 'token-2' });
    await outbox.enqueue({ to: 'someone-else@example.test', subject: 'Other', text: 'x' });

    expect(await outbox.deliverDue()).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    const ready = lines.filter((l) => l.msg === 'mail ready in dev mailbox' && l.to === 'Eve+dev@Example.test');
    expect(ready).toHaveLength(1);
    expect(ready[0]?.url).toBe('/api/v1/dev/mailbox?to=Eve%2Bdev%40Example.test');
    expect(devMailboxPath('a b@x')).toBe('/api/v1/dev/mailbox?to=a+b%40x');
    expect(text()).not.toContain('token-1');

    const mailbox = await outbox.listFor('EVE+DEV@example.test');
    expect(mailbox.map((m) => m.id).sort()).toEqual([first, second].sort());
    // The stored mail is all the dev mailbox has to show: its body stays once "sent".
    expect(mailbox.find((m) => m.id === first)).toMatchObject({ text_body: 'token-1', status: 'sent' });
  });

  it('lists newest first and honours the limit', async () => {
    const outbox = new MailOutbox({
      db,
      transport: createDevMailboxTransport({ log: silent }),
      clock: new FakeClock(),
      log: silent,
    });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Separate statements get distinct created_at (now() is per transaction).
      ids.push(await outbox.enqueue({ to: 'f@example.test', subject: `n${i}`, text: 'x' }));
    }
    const listed = await outbox.listFor('F@EXAMPLE.TEST', { limit: 2 });
    expect(listed.map((m) => m.subject)).toEqual(['n2', 'n1']);
  });
});

describe('SMTP URL', () => {
  it('reads host, port, TLS mode and encoded credentials', () => {
    expect(parseSmtpUrl('smtps://u%40x:p%3Aw@mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      auth: { user: 'u@x', pass: 'p:w' },
    });
    expect(parseSmtpUrl('smtp://[::1]:2525')).toEqual({ host: '::1', port: 2525, secure: false });
    expect(() => parseSmtpUrl('http://mail.example.com')).toThrow(/smtp:\/\//);
  });
});
