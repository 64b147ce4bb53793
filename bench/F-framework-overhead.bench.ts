import { startAnchor } from './lib/anchor-server';
import { INFORMATIONAL, throughputRow, type Benchmark } from './lib/benchmark';
import { assertSameJson } from './lib/same-answer';
import { assertSameResponse } from './lib/same-response';
import { LOAD } from './lib/settings';
import { inTurn } from './lib/side-by-side';
import { login, waitForDemoTracks } from './lib/veza-api';
import { LogReader } from './lib/veza-log';
import { startVeza } from './lib/veza-server';

/**
 * F: what the framework and our production hooks (request id, helmet, CORS,
 * metrics, access control, logging, error handling) cost per request, on a
 * route that does no work of its own. The anchor answers the same bytes
 * with the same header lines (anchors/http-healthz.ts): what no server can
 * avoid sending. The hello world beside it (anchors/http-hello.ts, two
 * headers) is the ceiling of any Node HTTP server, for information.
 */
const benchmark: Benchmark = {
  id: 'F',
  title: 'framework overhead: GET /healthz with every production hook vs bare node:http sending the same response',
  async run() {
    const veza = await startVeza('F');
    try {
      // The demo tracks' ffmpegs run on the server CPU just after the first start: measured then, every side shares it with them.
      await waitForDemoTracks(veza.url, await login(veza.url), new LogReader(veza.logFile), { processed: true });
      const anchor = await startAnchor('F', 'http-healthz.ts', { readyPath: '/healthz' });
      try {
        const hello = await startAnchor('F', 'http-hello.ts', { readyPath: '/healthz', logName: 'hello' });
        try {
          const ours = { url: `${veza.url}/healthz`, pid: veza.pid };
          const same = { url: `${anchor.url}/healthz`, pid: anchor.pid };
          const bare = { url: `${hello.url}/healthz`, pid: hello.pid };
          const answer = await assertSameResponse(ours.url, same.url);
          await assertSameJson(ours.url, bare.url);
          const sides = await inTurn('F', { ours, anchor: same, hello: bare }, LOAD);
          return {
            rows: [
              throughputRow('F', 'GET /healthz', sides, { kind: 'at-least', must: 0.8, target: 0.9 }),
              throughputRow(
                'F',
                'GET /healthz vs hello world',
                { ours: sides.ours, anchor: sides.hello },
                INFORMATIONAL,
              ),
            ],
            notes: [
              `ours: Veza pid ${veza.pid} on CPU ${veza.cpus}; anchor: bench/anchors/http-healthz.ts pid ${anchor.pid} on CPU ${anchor.cpus}; ` +
                `hello world (info): bench/anchors/http-hello.ts pid ${hello.pid} on CPU ${hello.cpus}.`,
              `the anchor's answer was checked against ours before the load: same status and body, the same ${answer.headers.length} header ` +
                `lines in the same order (${answer.headers.map(([name]) => name).join(', ')}), values equal but Date and X-Request-Id. ` +
                'The hello world sends the same JSON with Content-Type and Content-Length only.',
              '/healthz is declared quietLog in platform/http/health.ts, so Veza logs no line per successful probe (as in production); ' +
                'it runs the front door and metrics hooks, not the API context (CORS, cookies, access control). ' +
                'Measured once the demo tracks are processed, so no ffmpeg shares the server CPU.',
            ],
          };
        } finally {
          await hello.stop();
        }
      } finally {
        await anchor.stop();
      }
    } finally {
      await veza.stop();
    }
  },
};

export default benchmark;
