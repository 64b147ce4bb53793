import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The monorepo root: the server is started from there, like `npm start`. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface VezaServer {
  /** e.g. http://localhost:41234 (no trailing slash) */
  url: string;
  port: number;
  /** The fresh VEZA_DATA_DIR (embedded Postgres, blobs) of this run. */
  dataDir: string;
  /** The last lines the server printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, wait for a clean exit, remove the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra or overriding environment variables (e.g. REDIS_URL for a journey that needs it). */
  env?: Record<string, string>;
  /** How long to wait for GET /healthz to answer 200. */
  readyTimeoutMs?: number;
  /** How long to wait for the process to exit after SIGTERM before killing it. */
  stopTimeoutMs?: number;
}

// Variables from the caller's shell that would point the server at something
// other than its own fresh, embedded setup. A journey opts back in through `env`.
const INHERITED_BUT_DROPPED = ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'VEZA_PG_PORT', 'VEZA_ROLES', 'CORS_ORIGINS'];

const OUTPUT_LINES = 200;

/**
 * Starts the whole app (all roles, web build served) as a child process on a
 * free port with a fresh data directory, and resolves once /healthz is 200.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<VezaServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'veza-e2e-'));

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_BUT_DROPPED) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'development', // vitest sets "test"; a shell may say "production"
    PORT: String(port),
    PUBLIC_URL: url,
    VEZA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_CONTENT: 'true',
    WEB_BUILD: 'auto',
    TSX_TSCONFIG_PATH: 'apps/server/tsconfig.json',
    ...opts.env,
  });

  const lines: string[] = [];
  const record = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) lines.push(line);
    }
    if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
  };
  const output = () => lines.join('\n');

  // Its own process group, so that whatever it leaves behind can be cleaned up.
  // As `npm start` runs it: one process with TypeScript loaded in-process, so SIGTERM reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'start'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      if (signal) lines.push(`[e2e] server exited on ${signal}`);
      resolve(code);
    });
    child.on('error', (err) => {
      lines.push(`[e2e] could not spawn the server: ${err.message}`);
      resolve(null);
    });
  });
  // If the test process dies without stop(), leave nothing running or on disk.
  const killGroupOnExit = () => {
    killGroup(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', killGroupOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM'); // the server drains, then stops its Postgres itself
        const timeoutMs = opts.stopTimeoutMs ?? 45_000;
        const outcome = await Promise.race([exited.then(() => 'exited'), delay(timeoutMs).then(() => 'timeout')]);
        if (outcome === 'timeout') {
          killGroup(child, 'SIGKILL');
          await exited;
          throw new Error(`the server did not exit within ${timeoutMs} ms of SIGTERM\n${output()}`);
        }
      }
      // Anything left in the group (a stray Postgres) would hold the data directory.
      killGroup(child, 'SIGKILL');
      process.removeListener('exit', killGroupOnExit);
      await fs.rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await waitForHealth(url, exited, opts.readyTimeoutMs ?? 120_000);
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output()}`);
  }
  return { url, port, dataDir, output, stop };
}

async function waitForHealth(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error('the server exited before answering /healthz');
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await delay(250);
  }
  throw new Error(`GET ${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
