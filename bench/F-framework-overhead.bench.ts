import { startAnchor } from './lib/anchor-server';
import { throughputRow, type Benchmark } from './lib/benchmark';
import { assertSameJson } from './lib/same-answer';
import { LOAD } from './lib/settings';
import { sideBySide } from './lib/side-by-side';
import { startVeza } from './lib/veza-server';

/**
 * F: what the framework and our production hooks (request id, helmet, CORS,
 * metrics, access control, logging, error handling) cost per request, on a
 * route that does no work of its own.
 */
const benchmark: Benchmark = {
  id: 'F',
  title: 'framework overhead: GET /healthz with every production hook vs bare node:http',
  async run() {
    const veza = await startVeza('F');
    try {
      const anchor = await startAnchor('F', 'http-hello.ts', { readyPath: '/healthz' });
      try {
        const ours = { url: `${veza.url}/healthz`, pid: veza.pid };
        await assertSameJson(ours.url, `${anchor.url}/healthz`);
        const sides = await sideBySide('F', { ours, anchor: { url: `${anchor.url}/healthz`, pid: anchor.pid } }, LOAD);
        return {
          rows: [throughputRow('F', 'GET /healthz', sides, { kind: 'at-least', must: 0.85, target: 0.95 })],
          notes: [
            `ours: Veza pid ${veza.pid} on CPU ${veza.cpus}; anchor: bench/anchors/http-hello.ts pid ${anchor.pid} on CPU ${anchor.cpus}`,
            '/healthz is declared quietLog in platform/http/health.ts, so Veza logs no line per successful probe (as in production); it runs the front door and metrics hooks, not the API context (CORS, cookies, access control).',
          ],
        };
      } finally {
        await anchor.stop();
      }
    } finally {
      await veza.stop();
    }
  },
};

export default benchmark;
