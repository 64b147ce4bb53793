import { rm } from 'node:fs/promises';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import { buildApp } from '@/app';
import { loadConfig } from '@/config';
import { buildContainer, type Container, type ContainerOverrides } from '@/container';
import { hashPassword } from '@/modules/auth/auth.passwords';
import { FakeClock } from '@/platform/clock/clock';
import type { UserRole, UserRow } from '@/platform/db/schema';
import { listFor } from '@/platform/mail/outbox.repo';
import { createTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  c: Container;
  clock: FakeClock;
  given: Given;
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
    async lastMailTo(to) {
      const [mail] = await listFor(c.db, to, 1);
      if (!mail) throw new Error(`no mail to ${to}`);
      return { subject: mail.subject, text: mail.text_body };
    },
  };
}

let counter = 0;
export const TEST_PASSWORD = 'correct horse battery';

/** Builders for test data: `given.user()`, `given.session(user)`. */
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
