import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

/**
 * The job queue over pg-boss. Generic over a catalogue (job name → data):
 * each module merges its jobs into `Jobs` from its `<module>.jobs.ts` and
 * its descriptor must hand over a handler for every one of them.
 */
export type JobCatalogue = object;

/** Every job name with its data; modules merge theirs in (interface merging). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Jobs {}

export interface JobContext {
  jobId: string;
  log: Logger;
  /** True on the final attempt: handlers mark their entity failed, then rethrow. */
  isLastAttempt: boolean;
}

export interface JobSpec<Data> {
  handler: (data: Data, ctx: JobContext) => Promise<void>;
  /** Cron expression (UTC) for sweeps; the worker schedules it. */
  cron?: string;
  /** Also enqueue once when a worker starts (sweeps that should not wait an hour). */
  runAtBoot?: boolean;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Jobs of this queue one process runs at once (pg-boss 10: one polling worker each). */
  concurrency?: number;
}

export type JobSpecs<C extends JobCatalogue> = { [K in keyof C & string]: JobSpec<C[K]> };

export interface JobQueueOptions<C extends JobCatalogue> {
  url: string;
  log: Logger;
  pollIntervalMs: number;
  specs?: JobSpecs<C>;
}

export class UnknownJob extends Error {
  constructor(name: string, known: string[]) {
    super(`Unknown job "${name}". Known jobs: ${known.join(', ') || '(none)'}`);
  }
}

export class JobQueue<C extends JobCatalogue> {
  private boss: PgBoss | undefined;
  private specs: Partial<JobSpecs<C>>;

  constructor(private readonly opts: JobQueueOptions<C>) {
    this.specs = opts.specs ?? {};
  }

  /** Handlers are often built after the queue (services enqueue through it); define them before start. */
  define(specs: JobSpecs<C>): void {
    if (this.boss) throw new Error('define jobs before starting the queue');
    this.specs = specs;
  }

  get started(): boolean {
    return this.boss !== undefined;
  }

  get names(): (keyof C & string)[] {
    return Object.keys(this.specs) as (keyof C & string)[];
  }

  /** `work: false` lets api-only processes enqueue without consuming. */
  async start({ work }: { work: boolean }): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.opts.url,
      max: 4,
      supervise: work,
      schedule: work,
      migrate: true,
    });
    boss.on('error', (err) => this.opts.log.error({ err }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    for (const name of this.names) {
      const spec = this.spec(name);
      await boss.createQueue(name, {
        name,
        retryLimit: spec.retryLimit ?? 3,
        retryDelay: spec.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: spec.expireInSeconds ?? 15 * 60,
      });
    }
    if (!work) return;
    for (const name of this.names) {
      const spec = this.spec(name);
      for (let i = 0; i < (spec.concurrency ?? 1); i++) {
        const worker: { id?: string } = {};
        worker.id = await boss.work<C[typeof name]>(
          name,
          { pollingIntervalSeconds: this.opts.pollIntervalMs / 1000, batchSize: 1, includeMetadata: true },
          async ([job]) => {
            if (!job) return;
            const log = this.opts.log.child({ job: name, jobId: job.id });
            try {
              await spec.handler(job.data, {
                jobId: job.id,
                log,
                isLastAttempt: job.retryCount >= job.retryLimit,
              });
            } finally {
              // pg-boss waits the poll interval after every job, so a worker ran at most one job a
              // second (a burst of likes: two notifications a second). Having found one, it asks
              // again at once; it waits only once the queue is empty.
              if (worker.id) boss.notifyWorker(worker.id);
            }
          },
        );
      }
      if (spec.cron) await boss.schedule(name, spec.cron, {}, { tz: 'UTC' });
      if (spec.runAtBoot) await boss.send(name, {}, { singletonKey: `${name}:boot`, singletonSeconds: 60 });
    }
  }

  async send<K extends keyof C & string>(name: K, data: C[K], opts: { singletonKey?: string } = {}): Promise<void> {
    if (!this.boss) throw new Error('job queue is not started');
    await this.boss.send(name, data as object, opts.singletonKey ? { singletonKey: opts.singletonKey } : {});
  }

  /** Jobs written through the caller's transaction: they exist if and only if it commits. */
  async insertWith(db: PgBoss.Db, name: string, data: object[]): Promise<void> {
    if (!this.boss) throw new Error('job queue is not started');
    if (data.length === 0) return;
    await this.boss.insert(
      data.map((d) => ({ name, data: d })),
      { db },
    );
  }

  /** Runs one job in this process, outside the queue: the ops trigger of `veza jobs run`. */
  async runOnce<K extends keyof C & string>(name: string, data: C[K]): Promise<void> {
    if (!(name in this.specs)) throw new UnknownJob(name, this.names);
    const log = this.opts.log.child({ job: name, jobId: 'cli' });
    await this.spec(name as K).handler(data, { jobId: 'cli', log, isLastAttempt: true });
  }

  /** Queued (created or retrying) jobs per queue, for /metrics. */
  async depth(): Promise<Record<string, number>> {
    const boss = this.boss;
    if (!boss) return {};
    const entries = await Promise.all(this.names.map(async (name) => [name, await boss.getQueueSize(name)] as const));
    return Object.fromEntries(entries);
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, timeout: 8_000, wait: true });
  }

  private spec<K extends keyof C & string>(name: K): JobSpec<C[K]> {
    const spec = this.specs[name];
    if (!spec) throw new UnknownJob(name, this.names);
    return spec;
  }
}

export function createJobQueue<C extends JobCatalogue>(opts: JobQueueOptions<C>): JobQueue<C> {
  return new JobQueue(opts);
}
