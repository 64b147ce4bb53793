import path from 'node:path';
import { Redis } from 'ioredis';
import { destination, pino, type Logger } from 'pino';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Config } from '@/config';
import type { DomainEvents } from '@/events';
import { withLocalSecrets } from '@/local-secrets';
import { jobSpecs, type Jobs } from '@/jobs';
import { AccessRevocations, createRevocationStore } from '@/modules/auth/auth.revocations';
import { AuthService } from '@/modules/auth/auth.service';
import { UsersService } from '@/modules/users/users.service';
import { FileStore } from '@tus/file-store';
import { RESUMABLE_PREFIX, TracksService } from '@/modules/tracks/tracks.service';
import { PlaysService } from '@/modules/plays/plays.service';
import { originalLinkKey } from '@/modules/tracks/original-link';
import { EncoderBudget } from '@/platform/media/encoder-budget';
import { resolveMediaTools, type MediaTools } from '@/platform/media/ffmpeg-binaries';
import { systemClock, type Clock } from '@/platform/clock/clock';
import { createDb, createPool, type Db } from '@/platform/db/db';
import { startEmbeddedPostgres } from '@/platform/db/embedded';
import { isMigrated, migrateToLatest } from '@/platform/db/migrator';
import type { EventBus } from '@/platform/events/bus';
import { createPgEventBus } from '@/platform/events/pg-bus';
import { createRedisEventBus } from '@/platform/events/redis-bus';
import { createJobQueue, type JobQueue } from '@/platform/jobs/queue';
import { createDevMailboxTransport } from '@/platform/mail/dev-mailbox-transport';
import type { Mailer, MailTransport } from '@/platform/mail/mail';
import { MailOutbox } from '@/platform/mail/outbox';
import { createSmtpTransport } from '@/platform/mail/smtp-transport';
import { createMetrics, type Metrics } from '@/platform/metrics/metrics';
import type { RateLimiterFactory } from '@/platform/ratelimit/limiter';
import { createRateLimiterFactory } from '@/platform/ratelimit/rate-limiters';
import { ShutdownManager } from '@/platform/shutdown';
import { createLocalStorage } from '@/platform/storage/local-storage';
import type { BlobStorage } from '@/platform/storage/storage';

/**
 * Builds every adapter and service once, from config. Tests build their own
 * container with a fake clock or a silent log; nothing is a module singleton.
 */
export interface Container {
  config: Config;
  log: Logger;
  clock: Clock;
  databaseUrl: string;
  pool: pg.Pool;
  db: Db;
  events: EventBus<DomainEvents>;
  storage: BlobStorage;
  mailTransport: MailTransport;
  outbox: MailOutbox;
  mailer: Mailer;
  rateLimiters: RateLimiterFactory;
  jobs: JobQueue<Jobs>;
  metrics: Metrics;
  shutdown: ShutdownManager;
  services: { users: UsersService; auth: AuthService; tracks: TracksService; plays: PlaysService };
  media: MediaTools;
  resumableUploads: FileStore;
  migrate(): Promise<void>;
  /** Database reachable and fully migrated. */
  ready(): Promise<boolean>;
}

export interface ContainerOverrides {
  clock?: Clock;
  log?: Logger;
  mailTransport?: MailTransport;
}

export function createLogger(config: Config): Logger {
  return pino(
    {
      level: config.logLevel,
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

export async function buildContainer(given: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const config = await withLocalSecrets(given);
  const log = overrides.log ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const shutdown = new ShutdownManager({ log });

  let databaseUrl = config.db.url;
  if (!databaseUrl) {
    const started = Date.now();
    const cluster = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'pg'),
      port: config.db.embeddedPort,
      persistent: true,
      log: (line) => log.debug({ component: 'embedded-postgres' }, line),
    });
    await cluster.createDatabase('veza');
    databaseUrl = cluster.url('veza');
    log.info({ ms: Date.now() - started, dir: path.join(config.dataDir, 'pg') }, 'embedded Postgres started');
    shutdown.register('embedded-postgres', () => cluster.stop(), { phase: 'last' });
  }

  const pool = createPool(databaseUrl, config.db.poolMax);
  const db = createDb(pool);
  shutdown.register('database', () => db.destroy());

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  if (redis) shutdown.register('redis', async () => void (await redis.quit()));

  const events: EventBus<DomainEvents> = config.redisUrl
    ? createRedisEventBus<DomainEvents>({ url: config.redisUrl, log })
    : createPgEventBus<DomainEvents>({ url: databaseUrl, log });
  shutdown.register('events', () => events.close());

  const storage = createLocalStorage(path.join(config.dataDir, 'storage'));
  // tus writes resumable uploads under the storage root, so a finished one is a blob like any other.
  const resumableUploads = new FileStore({
    directory: path.join(config.dataDir, 'storage', RESUMABLE_PREFIX),
    expirationPeriodInMilliseconds: 24 * 60 * 60 * 1000,
  });
  const mailTransport =
    overrides.mailTransport ??
    (config.mail.smtpUrl
      ? createSmtpTransport({ url: config.mail.smtpUrl, from: config.mail.from })
      : createDevMailboxTransport({ log }));
  shutdown.register('mail', () => mailTransport.close());
  const outbox = new MailOutbox({ db, transport: mailTransport, clock, log });

  const rateLimiters = redis
    ? createRateLimiterFactory({ store: 'redis', redis, log })
    : createRateLimiterFactory({ store: 'postgres', pool, log });

  const accessRevocations = new AccessRevocations({
    store: createRevocationStore({ db, redis }),
    clock,
    accessTokenTtlMs: config.auth.accessTokenTtlMs,
  });
  const users = new UsersService({ db, storage, clock, accessRevocations });
  const jobs = createJobQueue<Jobs>({ url: databaseUrl, log, pollIntervalMs: config.jobs.pollIntervalMs });
  shutdown.register('jobs', () => jobs.stop(), { phase: 'drain' });
  const mailer: Mailer = {
    enqueue: (mail, trx) => outbox.enqueue(mail, trx),
    async kick() {
      if (!jobs.started) return; // CLI commands: the worker's sweep delivers later.
      await jobs.send('mail.deliver', {}).catch((err: unknown) => log.warn({ err }, 'could not queue mail delivery'));
    },
  };
  const auth = new AuthService({
    db,
    users,
    mailer,
    events,
    clock,
    rateLimiters,
    revocations: accessRevocations,
    queue: jobs,
    settings: { ...config.auth, publicUrl: config.publicUrl, rateLimit: config.rateLimit },
  });
  const media = resolveMediaTools({
    FFMPEG_PATH: config.tracks.ffmpegPath,
    FFPROBE_PATH: config.tracks.ffprobePath,
    PATH: process.env.PATH,
  });
  const enqueueProcessing = async (trackId: string) => {
    // Not started (CLI, tests): the resume sweep of the next worker queues it.
    if (!jobs.started) return;
    await jobs
      .send('tracks.process', { trackId }, { singletonKey: `tracks.process:${trackId}` })
      .catch((err: unknown) => log.warn({ err, trackId }, 'could not queue track processing'));
  };
  const transcodes = new AbortController();
  shutdown.register('transcodes', () => Promise.resolve(transcodes.abort()), { phase: 'drain' });
  const tracks = new TracksService({
    db,
    storage,
    clock,
    media,
    enqueueProcessing,
    events,
    settings: { maxUploadBytes: config.tracks.maxUploadBytes },
    originalLinkKey: originalLinkKey(config.auth.sessionSecret),
  });
  jobs.define(
    jobSpecs({
      auth,
      outbox,
      tracks: {
        db,
        storage,
        clock,
        media,
        events,
        workDir: path.join(config.dataDir, 'work'),
        shutdownSignal: transcodes.signal,
        encoderBudget: new EncoderBudget(),
        transcodeConcurrency: config.tracks.transcodeConcurrency,
        enqueueProcessing,
        resumableUploads,
      },
    }),
  );
  let migrated = false;
  const metrics = createMetrics({ pool, queueDepth: () => jobs.depth() });

  return {
    config,
    log,
    clock,
    databaseUrl,
    pool,
    db,
    events,
    storage,
    mailTransport,
    outbox,
    mailer,
    rateLimiters,
    jobs,
    metrics,
    shutdown,
    services: { users, auth, tracks, plays: new PlaysService({ db, clock, tracks, rateLimiters }) },
    media,
    resumableUploads,
    migrate: async () => {
      const result = await migrateToLatest(db);
      for (const m of result.results ?? []) log.info({ migration: m.migrationName, status: m.status }, 'migration');
    },
    // Probes come every few seconds: the migration check (files and catalogue) runs until it
    // first passes, then only the database's answer is checked.
    ready: async () => {
      if (migrated) {
        await sql`select 1`.execute(db);
        return true;
      }
      migrated = await isMigrated(db);
      return migrated;
    },
  };
}
