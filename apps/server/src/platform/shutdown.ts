import type { Logger } from 'pino';

/**
 * Coordinated graceful shutdown. Services register a stop function; on
 * SIGTERM the drain phase runs first (HTTP stops accepting and finishes its
 * requests, workers finish their jobs), then the close phase (pools, Redis,
 * the event bus), because a draining request still needs its database, then
 * the last phase (the embedded Postgres server, once no client is left).
 * Within a phase everything stops in parallel, each service under its own
 * timeout and all of it under one global budget, so one hung dependency can
 * neither block the others nor keep the process from exiting.
 */
export type ShutdownPhase = 'drain' | 'close' | 'last';

export interface ShutdownResult {
  name: string;
  phase: ShutdownPhase;
  status: 'ok' | 'error' | 'timeout';
  durationMs: number;
  /** Why it failed or timed out. */
  error?: string;
}

interface Entry {
  name: string;
  phase: ShutdownPhase;
  stop: () => Promise<void>;
}

const PHASES: readonly ShutdownPhase[] = ['drain', 'close', 'last'];

export class ShutdownManager {
  private readonly entries: Entry[] = [];
  private readonly serviceTimeoutMs: number;
  private readonly totalTimeoutMs: number;
  /** Set once a service ran out the global budget: nothing starts after that. */
  private budgetSpent = false;
  private readonly log: Logger;
  private running: Promise<ShutdownResult[]> | undefined;

  constructor(opts: { serviceTimeoutMs?: number; totalTimeoutMs?: number; log: Logger }) {
    this.serviceTimeoutMs = opts.serviceTimeoutMs ?? 10_000;
    this.totalTimeoutMs = opts.totalTimeoutMs ?? 30_000;
    this.log = opts.log.child({ component: 'shutdown' });
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  register(name: string, stop: () => Promise<void>, opts: { phase?: ShutdownPhase } = {}): void {
    if (this.running) {
      // A service created mid-shutdown would never be stopped: fail loudly where it is created.
      throw new Error(`cannot register "${name}" for shutdown: shutdown has already started`);
    }
    if (this.entries.some((e) => e.name === name)) {
      throw new Error(`a service named "${name}" is already registered for shutdown`);
    }
    this.entries.push({ name, phase: opts.phase ?? 'close', stop });
  }

  /** Never throws; a second call returns the first call's promise. Results follow registration order. */
  shutdown(): Promise<ShutdownResult[]> {
    this.running ??= this.run();
    return this.running;
  }

  private async run(): Promise<ShutdownResult[]> {
    const startedAt = Date.now();
    const deadline = startedAt + this.totalTimeoutMs;
    this.log.info({ services: this.entries.length }, 'shutdown started');
    const results = new Map<Entry, ShutdownResult>();
    for (const phase of PHASES) {
      const entries = this.entries.filter((e) => e.phase === phase);
      const outcomes = await Promise.all(entries.map((entry) => this.stopOne(entry, deadline)));
      entries.forEach((entry, i) => results.set(entry, outcomes[i] as ShutdownResult));
    }
    const ordered = this.entries.map((e) => results.get(e) as ShutdownResult);
    const failed = ordered.filter((r) => r.status !== 'ok').map((r) => r.name);
    this.log.info({ durationMs: Date.now() - startedAt, failed }, 'shutdown finished');
    return ordered;
  }

  private async stopOne(entry: Entry, deadline: number): Promise<ShutdownResult> {
    const startedAt = Date.now();
    const remaining = deadline - startedAt;
    const base = { name: entry.name, phase: entry.phase };
    // The flag, not only the clock: a timer may fire a millisecond before Date.now() reaches the
    // deadline, which would hand a later phase a 1 ms budget of what is already spent.
    if (remaining <= 0 || this.budgetSpent) {
      const result: ShutdownResult = {
        ...base,
        status: 'timeout',
        durationMs: 0,
        error: 'not started: the global shutdown budget was spent',
      };
      this.log.warn({ service: entry.name, phase: entry.phase }, 'service not stopped: shutdown budget spent');
      return result;
    }
    const budgetMs = Math.min(this.serviceTimeoutMs, remaining);
    const limitedBy = budgetMs < this.serviceTimeoutMs ? 'global shutdown budget' : 'service timeout';
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), budgetMs);
    });
    let result: ShutdownResult;
    try {
      // Promise.resolve().then: a stop function that throws synchronously is an error, not a crash.
      const outcome = await Promise.race([Promise.resolve().then(entry.stop), timedOut]);
      const durationMs = Date.now() - startedAt;
      if (outcome === 'timeout' && limitedBy === 'global shutdown budget') this.budgetSpent = true;
      result =
        outcome === 'timeout'
          ? { ...base, status: 'timeout', durationMs, error: `still running after ${budgetMs} ms (${limitedBy})` }
          : { ...base, status: 'ok', durationMs };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      result = { ...base, status: 'error', durationMs: Date.now() - startedAt, error };
    } finally {
      clearTimeout(timer);
    }
    const fields = { service: entry.name, phase: entry.phase, durationMs: result.durationMs };
    if (result.status === 'ok') this.log.info(fields, 'service stopped');
    else this.log.warn({ ...fields, outcome: result.status, error: result.error }, 'service did not stop cleanly');
    return result;
  }
}
