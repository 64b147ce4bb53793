import { startAnchor } from './lib/anchor-server';
import { figureRow, INFORMATIONAL, p99Row, throughputRow, type Benchmark } from './lib/benchmark';
import { cachedCatalogue, startVezaOn } from './lib/catalogue/cache';
import { catalogueNote, count } from './lib/catalogue/notes';
import { searchQueries } from './lib/catalogue/queries';
import { assertSameJson } from './lib/same-answer';
import { sequenceRunner } from './lib/sequence-load';
import { envInt, LOAD } from './lib/settings';
import { inTurn, sideBySide } from './lib/side-by-side';

/**
 * S: GET /api/v1/search?q= over a generated catalogue (1M tracks by
 * default), against the same statements run through `pg` in a bare node:http
 * process on the same database; and our p99 at that size against our p99
 * over a 10k-track catalogue, one request at a time (service time, no queue).
 */
const TRACKS = envInt('BENCH_TRACKS', 1_000_000);
const SMALL_TRACKS = envInt('BENCH_SMALL_TRACKS', 10_000);
/** Veza's pool holds 10 connections: more in flight only wait in a queue. */
const CONNECTIONS = envInt('BENCH_S_CONNECTIONS', 10);
const QUERIES = 2_000;
/** Queries whose answers are compared, ours against the anchor's, before any load. */
const CHECKED = 20;
/**
 * Per request: a common word ranks tens of thousands of documents at 1M, seconds on a busy
 * machine. A slower answer still fails the run (BENCH_S_TIMEOUT_S).
 */
const TIMEOUT_S = envInt('BENCH_S_TIMEOUT_S', 30);

const benchmark: Benchmark = {
  id: 'S',
  title: `Search over ${count(TRACKS)} tracks: GET /api/v1/search?q= vs the same SQL through pg`,
  async run() {
    const large = await cachedCatalogue(TRACKS, 'S');
    const small = await cachedCatalogue(SMALL_TRACKS, 'S');
    const queries = searchQueries(large.catalogue, QUERIES);
    const sequence = queries.map((q) => ({
      method: 'GET' as const,
      path: `/api/v1/search?q=${encodeURIComponent(q)}`,
    }));
    const runner = sequenceRunner(sequence, { timeoutSec: TIMEOUT_S });

    const veza = await startVezaOn('S', large);
    const stops: (() => Promise<void>)[] = [() => veza.stop()];
    try {
      const vezaSmall = await startVezaOn('S-small', small);
      stops.push(() => vezaSmall.stop());
      const anchor = await startAnchor('S', 'search-pg.ts', {
        env: { DATABASE_URL: veza.databaseUrl, DATABASE_POOL_MAX: '10' },
        readyPath: '/ready',
      });
      stops.push(() => anchor.stop());

      for (const { path } of sequence.slice(0, CHECKED)) await assertSameJson(veza.url + path, anchor.url + path);

      const ours = { url: veza.url, pid: veza.pid };
      const sides = await sideBySide(
        'S',
        { ours, anchor: { url: anchor.url, pid: anchor.pid } },
        { ...LOAD, connections: CONNECTIONS },
        runner,
      );
      const latency = await inTurn(
        'S',
        { ours, ours_small: { url: vezaSmall.url, pid: vezaSmall.pid } },
        { ...LOAD, connections: 1 },
        runner,
      );

      const figure = `GET /search?q= at ${count(TRACKS)}`;
      return {
        rows: [
          throughputRow('S', figure, sides, { kind: 'at-least', must: 0.6, target: 0.8 }),
          p99Row('S', figure, sides, INFORMATIONAL),
          figureRow(
            'S',
            `search p99 at ${count(TRACKS)} / at ${count(SMALL_TRACKS)}, 1 connection`,
            'ms',
            { ours: latency.ours.p99Ms, anchor: latency.ours_small.p99Ms, failed: latency.ours_small.failed },
            { kind: 'at-most', must: 2 },
            { ours: latency.ours, anchor: latency.ours_small },
          ),
        ],
        notes: [
          `ours: Veza pid ${veza.pid} on CPU ${veza.cpus}; anchor: bench/anchors/search-pg.ts (node:http + pg, the same statements) pid ${anchor.pid} on CPU ${anchor.cpus}, on Veza's embedded Postgres; ${CONNECTIONS} connections (BENCH_S_CONNECTIONS), requests time out (and fail) after ${TIMEOUT_S} s (BENCH_S_TIMEOUT_S)`,
          `p99 scale row: Veza on ${count(TRACKS)} tracks against a second Veza (pid ${vezaSmall.pid}, CPU ${vezaSmall.cpus}) on ${count(SMALL_TRACKS)} tracks, one connection each, in turn; its "anchor" column is the ${count(SMALL_TRACKS)} p99`,
          catalogueNote(large),
          catalogueNote(small),
          `queries: ${QUERIES} (single words by Zipf weight, never a little word alone, 35 %, two title words 20 %, artist names 10 %, prefixes 15 %, one typo 15 %, accents left out 5 %), the same sequence on every side, the n-th run of each starting at the same query (each run 1/(rounds + 1) of the sequence further on than the last); the first ${CHECKED} answered alike by both (same JSON). E.g. ${queries
            .slice(0, 8)
            .map((q) => JSON.stringify(q))
            .join(', ')}`,
        ],
      };
    } finally {
      for (const stop of stops.reverse()) await stop();
    }
  },
};

export default benchmark;
