import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RouteMetrics } from './route-metrics';

function setup() {
  const registry = new Registry();
  const routes = new RouteMetrics(registry, {
    countName: 'reqs_total',
    durationName: 'req_seconds',
    buckets: [0.01, 0.1, 1],
  });
  return { registry, routes };
}

describe('route metrics', () => {
  it('renders cumulative buckets, sum and count per method, route and status', async () => {
    const { registry, routes } = setup();
    routes.observe('GET', '/a/:id', 200, 0.005);
    routes.observe('GET', '/a/:id', 200, 0.01); // on a bound: counted in that bucket (le is inclusive)
    routes.observe('GET', '/a/:id', 200, 0.5);
    routes.observe('GET', '/a/:id', 200, 3);
    routes.observe('POST', '/a/:id', 201, 0.05);
    const text = await registry.metrics();

    const series = 'method="GET",route="/a/:id",status="200"';
    expect(text).toContain('# TYPE req_seconds histogram');
    expect(text).toContain(`req_seconds_bucket{${series},le="0.01"} 2`);
    expect(text).toContain(`req_seconds_bucket{${series},le="0.1"} 2`);
    expect(text).toContain(`req_seconds_bucket{${series},le="1"} 3`);
    expect(text).toContain(`req_seconds_bucket{${series},le="+Inf"} 4`);
    expect(text).toContain(`req_seconds_sum{${series}} 3.515`);
    expect(text).toContain(`req_seconds_count{${series}} 4`);
    expect(text).toContain('# TYPE reqs_total counter');
    expect(text).toContain(`reqs_total{${series}} 4`);
    expect(text).toContain('reqs_total{method="POST",route="/a/:id",status="201"} 1');
  });

  it('escapes label values and starts over on a registry reset', async () => {
    const { registry, routes } = setup();
    routes.observe('GET', '/say/"hi"\\', 404, 0.001);
    expect(await registry.metrics()).toContain('route="/say/\\"hi\\"\\\\"');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('/say/');
  });
});
