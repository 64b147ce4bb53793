import { newJwtSecret, signAccessToken } from './lib/access-tokens';
import { figureRow, INFORMATIONAL, type Benchmark } from './lib/benchmark';
import { cachedCatalogue, startVezaOn, type CachedCatalogue } from './lib/catalogue/cache';
import { catalogueNote, count } from './lib/catalogue/notes';
import { FEED_FOLLOWS } from './lib/catalogue/rows';
import { sequenceRunner, type SequenceRequest } from './lib/sequence-load';
import { envInt, LOAD } from './lib/settings';
import { inTurn } from './lib/side-by-side';
import type { VezaServer } from './lib/veza-server';

/**
 * A2: GET /api/v1/feed for a listener following 500 artists, over a 1M-track
 * catalogue against the same over 10k tracks, two Vezas measured in turn.
 * At both sizes the 500 artists own about 10,000 tracks (all of them at 10k,
 * 1 % at 1M) and repost a few others: the feed's own work is alike, so
 * what grows with the catalogue is what the feed's queries pay for the
 * rest. The anchor column of the row is the 10k side.
 */
const TRACKS = envInt('BENCH_TRACKS', 1_000_000);
const SMALL_TRACKS = envInt('BENCH_SMALL_TRACKS', 10_000);
/** The pages read in turn, each from the previous one's cursor: most readers stop at the first few. */
const PAGES = envInt('BENCH_A2_PAGES', 3);
/** One connection: the ratio of service times, no queue (BENCH_A2_CONNECTIONS for a loaded one). */
const CONNECTIONS = envInt('BENCH_A2_CONNECTIONS', 1);
const FEED = '/api/v1/feed';

const benchmark: Benchmark = {
  id: 'A2',
  title: `Feed of a listener following ${FEED_FOLLOWS} artists: GET ${FEED} at ${count(TRACKS)} tracks vs at ${count(SMALL_TRACKS)}`,
  async run() {
    const large = await cachedCatalogue(TRACKS, 'A2');
    const small = await cachedCatalogue(SMALL_TRACKS, 'A2');
    const secret = newJwtSecret();

    const veza = await startVezaOn('A2', large, { env: { JWT_SECRET: secret } });
    const stops: (() => Promise<void>)[] = [() => veza.stop()];
    try {
      const vezaSmall = await startVezaOn('A2-small', small, { env: { JWT_SECRET: secret } });
      stops.push(() => vezaSmall.stop());
      const [pagesLarge, pagesSmall] = await Promise.all([
        feedPages(veza, large, secret),
        feedPages(vezaSmall, small, secret),
      ]);
      const runner = sequenceRunner({ [veza.url]: pagesLarge.sequence, [vezaSmall.url]: pagesSmall.sequence });

      const sides = await inTurn(
        'A2',
        { ours: { url: veza.url, pid: veza.pid }, ours_small: { url: vezaSmall.url, pid: vezaSmall.pid } },
        { ...LOAD, connections: CONNECTIONS },
        runner,
      );
      const pair = { ours: sides.ours, anchor: sides.ours_small };
      const figure = `GET /feed (${FEED_FOLLOWS} followed) at ${count(TRACKS)} / at ${count(SMALL_TRACKS)}`;
      return {
        rows: [
          figureRow(
            'A2',
            `${figure} p99`,
            'ms',
            {
              ours: sides.ours.p99Ms,
              anchor: sides.ours_small.p99Ms,
              failed: sides.ours.failed + sides.ours_small.failed,
            },
            { kind: 'at-most', must: 2, target: 1.5 },
            pair,
          ),
          figureRow(
            'A2',
            `${figure} req/s`,
            'req/s',
            { ours: sides.ours.reqPerSec, anchor: sides.ours_small.reqPerSec, failed: 0 },
            INFORMATIONAL,
          ),
        ],
        notes: [
          `ours: Veza pid ${veza.pid} on CPU ${veza.cpus} over ${count(TRACKS)} tracks; its "anchor" column: a second Veza pid ${vezaSmall.pid} on CPU ${vezaSmall.cpus} over ${count(SMALL_TRACKS)} tracks; ${CONNECTIONS} connection(s) (BENCH_A2_CONNECTIONS), measured in turn`,
          `the reader follows ${FEED_FOLLOWS} artists: at ${count(TRACKS)} ${pagesLarge.describe}; at ${count(SMALL_TRACKS)} ${pagesSmall.describe}`,
          catalogueNote(large),
          catalogueNote(small),
        ],
      };
    } finally {
      for (const stop of stops.reverse()) await stop();
    }
  },
};

/**
 * The first PAGES pages of the reader's feed on one Veza, each path with
 * the previous page's cursor, signed in as the catalogue's feed reader
 * (listener 0). Throws if the feed answers anything but a full first page.
 */
async function feedPages(
  veza: VezaServer,
  cached: CachedCatalogue,
  secret: string,
): Promise<{ sequence: SequenceRequest[]; describe: string }> {
  const cat = cached.catalogue;
  const token = await signAccessToken(secret, { id: cat.userId(cat.listener(0)), role: 'listener' });
  const headers = { authorization: `Bearer ${token}` };
  const sequence: SequenceRequest[] = [];
  const counts: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < PAGES; page++) {
    const path: string = cursor ? `${FEED}?cursor=${encodeURIComponent(cursor)}` : FEED;
    const res = await fetch(veza.url + path, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 500)}`);
    const answer = JSON.parse(body) as { items: { kind: string }[]; nextCursor: string | null };
    if (page === 0 && answer.items.length === 0)
      throw new Error(`the feed of a user following ${FEED_FOLLOWS} artists is empty`);
    sequence.push({ method: 'GET', path, headers });
    counts.push(answer.items.length);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return {
    sequence,
    describe: `${sequence.length} page(s) read in turn (${counts.join(', ')} items)`,
  };
}

export default benchmark;
