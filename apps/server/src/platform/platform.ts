import path from 'node:path';
import { Redis } from 'ioredis';
import { destination, pino, type Logger } from 'pino';
import { serializeError } from './log-serializers';
import type pg from 'pg';
import type { Config } from '@/config';
import { withLocalSecrets } from '@/local-secrets';
import { systemClock, type Clock } from '@/platform/clock/clock';
import { createDb, createPool, type Db } from '@/platform/db/db';
import { startEmbeddedPostgres } from '@/platform/db/embedded';
import type { EventBus, LiveEvents } from '@/platform/events/bus';
import { EventOutbox } from '@/platform/events/outbox';
import { startOutboxRelay } from '@/platform/events/outbox-relay';
import { createPgEventBus } from '@/platform/events/pg-bus';
import { createRedisEventBus } from '@/platform/events/redis-bus';
import { resolveMediaTools, type MediaTools } from '@/platform/media/ffmpeg-binaries';
import { createJobQueue, type JobQueue, type Jobs } from '@/platform/jobs/queue';
import { createDevMailboxTransport } from '@/platform/mail/dev-mailbox-transport';
import type { Mailer, MailTransport } from '@/platform/mail/mail';
import { MailOutbox } from '@/platform/mail/outbox';
import { createSmtpTransport } from '@/platform/mail/smtp-transport';
import { createMetrics, type Metrics } from '@/platform/metrics/metrics';
import type { RateLimiterFactory } from '@/platform/ratelimit/limiter';
import { createRateLimiterFactory } from '@/platform/ratelimit/rate-limiters';
import { ShutdownManager } from '@/platform/shutdown';
import { AccessRevocations, createRevocationStore } from '@/platform/revocations/revocations';
import { createLocalStorage } from '@/platform/storage/local-storage';
import type { BlobStorage } from '@/platform/storage/storage';

/**
 * The adapters every module builds on, each built once from config and each
 * replaceable in tests (`PlatformOverrides`). No domain knowledge here.
 */
export interface Platform {
  config: Config;
  log: Logger;
  clock: Clock;
  databaseUrl: string;
  pool: pg.Pool;
  db: Db;
  /** Live, losable pushes across processes (progress, cache eviction). */
  bus: EventBus<LiveEvents>;
  /** Durable domain events: written in the change's transaction, delivered at least once. */
  events: EventOutbox;
  storage: BlobStorage;
  mailTransport: MailTransport;
  mailOutbox: MailOutbox;
  mailer: Mailer;
  rateLimiters: RateLimiterFactory;
  jobs: JobQueue<Jobs>;
  metrics: Metrics;
  shutdown: ShutdownManager;
  media: MediaTools;
  /** Access tokens ended before their expiry, shared by every process (Postgres, or Redis when set). */
  revocations: AccessRevocations;
  /** Starts the queue; with `work`, this process also runs jobs, sweeps and the event relay. */
  startJobs(opts: { work: boolean }): Promise<void>;
}

export interface PlatformOverrides {
  clock?: Clock;
  log?: Logger;
  mailTransport?: MailTransport;
  storage?: BlobStorage;
  media?: MediaTools;
}

export function createLogger(config: Config): Logger {
  return pino(
    {
      level: config.logLevel,
      serializers: { err: serializeError },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    // Asynchronous writes: a request never waits on stdout. Flushed before exit.
    destination({ sync: false }),
  );
}

export async function buildPlatform(given: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const config = await withLocalSecrets(given);
  const log = overrides.log ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const shutdown = new ShutdownManager({ log });

  const databaseUrl = config.db.url ?? (await embeddedDatabase(config, log, shutdown));
  const pool = createPool(databaseUrl, config.db.poolMax);
  const db = createDb(pool);
  shutdown.register('database', () => db.destroy());

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  if (redis) shutdown.register('redis', async () => void (await redis.quit()));

  const bus: EventBus<LiveEvents> = config.redisUrl
    ? createRedisEventBus<LiveEvents>({ url: config.redisUrl, log })
    : createPgEventBus<LiveEvents>({ url: databaseUrl, log });
  shutdown.register('events', () => bus.close());

  const mailTransport =
    overrides.mailTransport ??
    (config.mail.smtpUrl
      ? createSmtpTransport({ url: config.mail.smtpUrl, from: config.mail.from, requireTls: config.mail.requireTls })
      : createDevMailboxTransport({ log }));
  shutdown.register('mail', () => mailTransport.close());
  const mailOutbox = new MailOutbox({ db, transport: mailTransport, clock, log });

  const rateLimiters = redis
    ? createRateLimiterFactory({ store: 'redis', redis, log, clock })
    : createRateLimiterFactory({ store: 'postgres', pool, log, clock });

  const jobs = createJobQueue<Jobs>({ url: databaseUrl, log, pollIntervalMs: config.jobs.pollIntervalMs });
  shutdown.register('jobs', () => jobs.stop(), { phase: 'drain' });
  const mailer: Mailer = {
    enqueue: (mail, trx) => mailOutbox.enqueue(mail, trx),
    async kick() {
      if (!jobs.started) return; // CLI commands: the worker's sweep delivers later.
      await jobs.send('mail.deliver', {}).catch((err: unknown) => log.warn({ err }, 'could not queue mail delivery'));
    },
  };
  const events = new EventOutbox({ db, clock, log });

  return {
    config,
    log,
    clock,
    databaseUrl,
    pool,
    db,
    bus,
    events,
    storage: overrides.storage ?? createLocalStorage(path.join(config.dataDir, 'storage')),
    mailTransport,
    mailOutbox,
    mailer,
    rateLimiters,
    jobs,
    metrics: createMetrics({ pool, queueDepth: () => jobs.depth() }),
    shutdown,
    revocations: new AccessRevocations({
      store: createRevocationStore({ db, redis }),
      clock,
      accessTokenTtlMs: config.auth.accessTokenTtlMs,
    }),
    media:
      overrides.media ??
      resolveMediaTools({
        FFMPEG_PATH: config.tracks.ffmpegPath,
        FFPROBE_PATH: config.tracks.ffprobePath,
        PATH: config.tracks.toolSearchPath,
      }),
    async startJobs({ work }) {
      await jobs.start({ work });
      if (!work) return;
      const relay = await startOutboxRelay({ url: databaseUrl, outbox: events, jobs, log });
      shutdown.register('event-relay', () => relay.stop(), { phase: 'drain' });
    },
  };
}

async function embeddedDatabase(config: Config, log: Logger, shutdown: ShutdownManager): Promise<string> {
  const started = Date.now();
  const dir = path.join(config.dataDir, 'pg');
  const cluster = await startEmbeddedPostgres({
    dir,
    port: config.db.embeddedPort,
    persistent: true,
    log: (line) => log.debug({ component: 'embedded-postgres' }, line),
  });
  await cluster.createDatabase('veza');
  log.info({ ms: Date.now() - started, dir }, 'embedded Postgres started');
  shutdown.register('embedded-postgres', () => cluster.stop(), { phase: 'last' });
  return cluster.url('veza');
}
