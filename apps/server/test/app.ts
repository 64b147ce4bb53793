import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import { buildApp } from '@/app';
import { loadConfig } from '@/config';
import { buildContainer, type Container, type ContainerOverrides } from '@/container';
import { hashPassword } from '@/modules/auth/auth.passwords';
import { FakeClock } from '@/platform/clock/clock';
import type { UserRole } from '@/platform/db/schema';
import { TracksRepo } from '@/modules/tracks/tracks.repo';
import type { TrackRow, TrackStatus, TrackVisibility } from '@/modules/tracks/tracks.tables';
import type { UserRow } from '@/modules/users/users.tables';
import { listFor } from '@/platform/mail/outbox.repo';
import { createTestDatabase } from './database';
import { putHls } from './hls-fixture';

export interface TestApp {
  app: FastifyInstance;
  c: Container;
  clock: FakeClock;
  given: Given;
  /**
   * What the worker's relay and delivery jobs do, now and in this process:
   * every committed event to every subscriber (queue-less tests).
   */
  deliverEvents: () => Promise<number>;
  /** The newest mail to an address, as the dev mailbox shows it. */
  lastMailTo(to: string): Promise<{ subject: string; text: string }>;
}

/**
 * The real app on its own cloned database, with a fake clock. Closed after
 * the file's tests. `env` overrides configuration as the environment would.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  overrides: Pick<ContainerOverrides, 'mailTransport' | 'log'> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = `/tmp/veza-test-data-${process.pid}-${Date.now()}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    VEZA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT_PER_IP: '10000',
    AUTH_RATE_LIMIT_PER_ACCOUNT: '10000',
    AUTH_RATE_LIMIT_PER_ACCOUNT_ANY_IP: '10000',
    SIGNUP_RATE_LIMIT_PER_IP: '10000',
    ...env,
  });
  const clock = new FakeClock(new Date());
  const c = await buildContainer(config, { clock, log: pino({ level: 'silent' }), ...overrides });
  const app = await buildApp(c);
  await app.ready();
  afterAll(async () => {
    await app.close();
    await c.shutdown.shutdown();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    app,
    c,
    clock,
    given: new Given(c, app),
    async deliverEvents() {
      const log = pino({ level: 'silent' });
      const events = await c.db
        .selectFrom('event_outbox')
        .select(['id', 'name', 'payload'])
        .where('relayed_at', 'is', null)
        .orderBy('created_at')
        .execute();
      for (const event of events) {
        for (const subscriber of c.events.subscribersOf(event.name)) {
          await c.events.deliver({ eventId: event.id, name: event.name, subscriber, payload: event.payload }, log);
        }
        await c.db.updateTable('event_outbox').set({ relayed_at: clock.now() }).where('id', '=', event.id).execute();
      }
      return events.length;
    },
    async lastMailTo(to) {
      const [mail] = await listFor(c.db, to, 1);
      if (!mail) throw new Error(`no mail to ${to}`);
      return { subject: mail.subject, text: mail.text_body };
    },
  };
}

let counter = 0;
export const TEST_PASSWORD = 'correct horse battery';

/**
 * Builders for test data, straight into the database through the modules'
 * services and repos: `given.user()`, `given.artist()`, `given.admin()`,
 * `given.track({ owner, status, visibility })`, `given.session(user)`.
 * Later modules add theirs here.
 */
export class Given {
  constructor(
    private readonly c: Container,
    private readonly app: FastifyInstance,
  ) {}

  async user(
    opts: { role?: UserRole; password?: string; verified?: boolean; username?: string } = {},
  ): Promise<UserRow> {
    counter += 1;
    const username = opts.username ?? `user_${process.pid}_${counter}`;
    return this.c.services.users.create({
      email: `${username}@example.test`,
      username,
      role: opts.role ?? 'listener',
      passwordHash: await hashPassword(opts.password ?? TEST_PASSWORD),
      emailVerified: opts.verified ?? true,
    });
  }

  artist(opts: Omit<Parameters<Given['user']>[0] & object, 'role'> = {}): Promise<UserRow> {
    return this.user({ ...opts, role: 'artist' });
  }

  admin(opts: Omit<Parameters<Given['user']>[0] & object, 'role'> = {}): Promise<UserRow> {
    return this.user({ ...opts, role: 'admin' });
  }

  /**
   * A track as processing would leave it: `ready` ones have a small HLS
   * ladder in storage (see hls-fixture.ts) unless `files: false`. Without
   * an owner, a new artist owns it.
   */
  async track(
    opts: {
      owner?: Pick<UserRow, 'id'>;
      status?: TrackStatus;
      visibility?: TrackVisibility;
      title?: string;
      durationMs?: number;
      files?: boolean;
    } = {},
  ): Promise<TrackRow> {
    const id = randomUUID();
    const status = opts.status ?? 'ready';
    const owner = opts.owner ?? (await this.artist());
    const row = await new TracksRepo(this.c.db, this.c.clock).insert({
      id,
      owner_id: owner.id,
      title: opts.title ?? 'Test tone',
      file_path: `tracks/${id}/original.wav`,
      original_bytes: 44,
      status,
      visibility: opts.visibility ?? 'public',
      hls_prefix: status === 'ready' ? `tracks/${id}/hls/v1` : null,
      duration_ms: opts.durationMs ?? 4000,
      ready_at: status === 'ready' ? this.c.clock.now() : null,
      created_at: this.c.clock.now(),
    });
    if (opts.files ?? status === 'ready') await putHls(this.c.storage, id);
    return row;
  }

  /** Logs in through the API; returns the bearer header and the session cookies. */
  async session(user: { username: string }, password = TEST_PASSWORD): Promise<Session> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: user.username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return sessionFrom(res);
  }
}

export interface Session {
  accessToken: string;
  refresh: string;
  csrf: string;
  auth: { authorization: string };
}

export function sessionFrom(res: LightMyRequestResponse): Session {
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const accessToken = res.json<{ accessToken: string }>().accessToken;
  return {
    accessToken,
    refresh: cookies.veza_refresh ?? '',
    csrf: cookies.veza_csrf ?? '',
    auth: { authorization: `Bearer ${accessToken}` },
  };
}

/** A problem+json body with its request id: the one error shape. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string): Record<string, unknown> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${String(res.headers['content-type'])}: ${res.body}`);
  }
  const body = res.json<Record<string, unknown>>();
  if (body.status !== status || typeof body.requestId !== 'string' || typeof body.title !== 'string') {
    throw new Error(`not a problem document: ${res.body}`);
  }
  if (code && body.code !== code) throw new Error(`expected code ${code}, got ${String(body.code)}: ${res.body}`);
  return body;
}
