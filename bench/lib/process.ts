import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { deferCleanup } from './cleanup';
import { pinnedCommand } from './pinning';
import { allowedCpus } from './proc';

/** Servers started by a benchmark: pinned to a CPU, logging to a file, ready when a URL answers 200. */

export interface StartOptions {
  name: string;
  /** One CPU, or a taskset list ('0-1'). */
  cpu: number | string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives stdout and stderr; production logs every request, so they are written somewhere real. */
  logFile: string;
  readyUrl: string;
  readyTimeoutMs?: number;
}

export interface RunningProcess {
  name: string;
  pid: number;
  /** The CPUs the kernel lets it use, read back from /proc: proof of the pinning. */
  cpus: string;
  logFile: string;
  /** SIGTERM, then waits for the exit (Veza stops its embedded Postgres first); SIGKILL after 20 s. */
  stop(): Promise<void>;
}

export async function startPinned(opts: StartOptions): Promise<RunningProcess> {
  const { command, args } = pinnedCommand(opts.cpu, opts.command, opts.args);
  const log = openSync(opts.logFile, 'w');
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (child.pid === undefined) throw new Error(`${opts.name}: could not start ${opts.command}`);

  const done = deferCleanup(() => terminate(child, exited));
  const proc: RunningProcess = {
    name: opts.name,
    pid: child.pid,
    cpus: allowedCpus(child.pid),
    logFile: opts.logFile,
    async stop() {
      done();
      await terminate(child, exited);
    },
  };

  const ready = await Promise.race([
    waitForOk(opts.readyUrl, opts.readyTimeoutMs ?? 90_000),
    exited.then((code) => `exited with code ${code} before answering`),
  ]);
  if (ready !== true) {
    await proc.stop();
    throw new Error(`${opts.name} did not start (${ready}); last log lines:\n${tail(opts.logFile, 15)}`);
  }
  proc.cpus = allowedCpus(proc.pid); // taskset has exec'd by now
  process.stderr.write(`  started ${opts.name} (pid ${proc.pid}) on CPU ${proc.cpus}, log ${opts.logFile}\n`);
  return proc;
}

async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 20_000, 'timeout').unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

async function waitForOk(url: string, timeoutMs: number): Promise<true | string> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return true;
      last = `HTTP ${res.status} from ${url}`;
    } catch (err) {
      last = `${url}: ${(err as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `not ready after ${timeoutMs / 1000} s: ${last}`;
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
