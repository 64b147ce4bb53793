import { statSync } from 'node:fs';
import { startAnchor } from './lib/anchor-server';
import { p99Row, throughputRow, type Benchmark } from './lib/benchmark';
import { assertSameJson } from './lib/same-answer';
import { LOAD } from './lib/settings';
import { sideBySide } from './lib/side-by-side';
import { sum } from './lib/stats';
import { startVeza } from './lib/veza-server';

/**
 * A: an API read endpoint, a public profile, against a minimal Fastify + pg
 * route running the identical SQL on the same Postgres (the one Veza
 * embeds), so the ratio is what our stack adds around one query.
 */
const PROFILE = '/api/v1/users/demo_artist';

const benchmark: Benchmark = {
  id: 'A',
  title: `API read endpoint: GET ${PROFILE} vs minimal Fastify + pg`,
  async run() {
    const veza = await startVeza('A');
    try {
      const anchor = await startAnchor('A', 'fastify-pg-profile.ts', {
        env: { DATABASE_URL: veza.databaseUrl, DATABASE_POOL_MAX: '10' },
        readyPath: PROFILE,
      });
      try {
        const ours = { url: veza.url + PROFILE, pid: veza.pid };
        await assertSameJson(ours.url, anchor.url + PROFILE);
        const logBefore = statSync(veza.logFile).size;
        const sides = await sideBySide('A', { ours, anchor: { url: anchor.url + PROFILE, pid: anchor.pid } }, LOAD);
        const oursRequests = sides.ours.warmup.requests + sum(sides.ours.runs.map((r) => r.requests));
        const logBytesPerRequest = (statSync(veza.logFile).size - logBefore) / oursRequests;
        return {
          rows: [
            throughputRow('A', 'GET /users/:username', sides, { kind: 'at-least', must: 0.7, target: 0.85 }),
            p99Row('A', 'GET /users/:username', sides, { kind: 'at-most', must: 1.5 }),
          ],
          notes: [
            `ours: Veza pid ${veza.pid} on CPU ${veza.cpus}; anchor: bench/anchors/fastify-pg-profile.ts pid ${anchor.pid} on CPU ${anchor.cpus}; both query ${veza.databaseUrl.replace(/:[^:@/]+@/, ':***@')} (embedded Postgres, a child of Veza, so on the server CPU too)`,
            `Veza logged ${logBytesPerRequest.toFixed(0)} bytes per request at LOG_LEVEL=info (the anchor logs nothing).`,
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
