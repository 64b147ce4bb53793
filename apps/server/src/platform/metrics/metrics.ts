import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { RouteMetrics } from './route-metrics';

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

/** Returns the recorder, for requests answered before Fastify sees them (the segment fast path). */
export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): RouteMetrics {
  const routes = new RouteMetrics(metrics.registry, {
    countName: 'veza_http_requests_total',
    durationName: 'veza_http_request_duration_seconds',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  app.addHook('onResponse', (req, reply, done) => {
    // The route pattern, never the raw URL: ids in paths would explode cardinality.
    routes.observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  return routes;
}
