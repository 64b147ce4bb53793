import type { Metric, Registry } from 'prom-client';

type Labels = Record<'method' | 'route' | 'status', string>;

interface Series {
  labels: Labels;
  /** Observations per bucket, not yet cumulative: an observation touches one slot. */
  perBucket: Float64Array;
  sum: number;
  count: number;
}

interface MetricValue {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * HTTP request count and duration per method, route pattern and status, as a
 * Prometheus histogram plus a counter of the same counts. Plain arrays keyed
 * by one string instead of prom-client's Histogram and Counter: those hash a
 * labels object on every observation, which made metrics the largest single
 * per-request cost in benchmark F. prom-client still renders the text format.
 */
export class RouteMetrics {
  readonly #series = new Map<string, Series>();

  constructor(
    registry: Registry,
    private readonly opts: { countName: string; durationName: string; buckets: readonly number[] },
  ) {
    registry.registerMetric(
      this.#view(opts.countName, 'counter', 'HTTP requests by route and status', () => this.#counts()),
    );
    registry.registerMetric(
      this.#view(opts.durationName, 'histogram', 'HTTP request duration by route and status', () => this.#histogram()),
    );
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.#series.get(key);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        perBucket: new Float64Array(this.opts.buckets.length + 1), // the last slot is +Inf
        sum: 0,
        count: 0,
      };
      this.#series.set(key, series);
    }
    const { buckets } = this.opts;
    let slot = 0;
    while (slot < buckets.length && seconds > buckets[slot]!) slot++;
    series.perBucket[slot]!++;
    series.sum += seconds;
    series.count++;
  }

  #counts(): MetricValue[] {
    return [...this.#series.values()].map((s) => ({ labels: s.labels, value: s.count }));
  }

  #histogram(): MetricValue[] {
    const name = this.opts.durationName;
    const values: MetricValue[] = [];
    for (const s of this.#series.values()) {
      let cumulative = 0;
      this.opts.buckets.forEach((le, slot) => {
        cumulative += s.perBucket[slot]!;
        values.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le }, value: cumulative });
      });
      values.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
      values.push({ metricName: `${name}_sum`, labels: s.labels, value: s.sum });
      values.push({ metricName: `${name}_count`, labels: s.labels, value: s.count });
    }
    return values;
  }

  /** The shape prom-client's Registry reads from its own metric classes. */
  #view(name: string, type: 'counter' | 'histogram', help: string, values: () => MetricValue[]): Metric {
    const view = {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => ({ name, help, type, aggregator: 'sum', values: values() }),
      reset: () => this.#series.clear(),
    };
    return view as unknown as Metric;
  }
}
