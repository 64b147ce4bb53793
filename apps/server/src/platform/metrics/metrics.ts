import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance (not prom-client's global), so tests can build many apps. */
export interface Metrics {
  registry: Registry;
}

export function createMetrics(opts: { pool: pg.Pool; queueDepth: () => Promise<Record<string, number>> }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'veza_db_pool_connections',
    help: 'Postgres pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, opts.pool.totalCount);
      this.set({ state: 'idle' }, opts.pool.idleCount);
      this.set({ state: 'waiting' }, opts.pool.waitingCount);
    },
  });
  new Gauge({
    name: 'veza_job_queue_depth',
    help: 'Jobs waiting per queue',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      const depth = await opts.queueDepth().catch(() => ({}));
      for (const [queue, n] of Object.entries(depth)) this.set({ queue }, n);
    },
  });
  return { registry };
}

export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'veza_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames,
    registers: [metrics.registry],
  });
  const duration = new Histogram({
    name: 'veza_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  // One labelled child per method/route/status, looked up by a string key:
  // cheaper than prom-client hashing a labels object on every request.
  const series = new Map<
    string,
    { count: ReturnType<typeof requests.labels>; time: ReturnType<typeof duration.labels> }
  >();
  app.addHook('onResponse', (req, reply, done) => {
    // The route pattern, never the raw URL: ids in paths would explode cardinality.
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${route} ${reply.statusCode}`;
    let child = series.get(key);
    if (!child) {
      const labels = { method: req.method, route, status: String(reply.statusCode) };
      child = { count: requests.labels(labels), time: duration.labels(labels) };
      series.set(key, child);
    }
    child.count.inc();
    child.time.observe(reply.elapsedTime / 1000);
    done();
  });
}
