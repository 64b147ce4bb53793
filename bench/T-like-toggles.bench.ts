import pg from 'pg';
import { newJwtSecret, signAccessToken } from './lib/access-tokens';
import { startAnchor, type AnchorServer } from './lib/anchor-server';
import { INFORMATIONAL, p99Row, throughputRow, type Benchmark } from './lib/benchmark';
import { cachedCatalogue, startVezaOn } from './lib/catalogue/cache';
import { catalogueNote } from './lib/catalogue/notes';
import { sequenceRunner, type SequenceRequest } from './lib/sequence-load';
import { envInt, LOAD } from './lib/settings';
import { inTurn } from './lib/side-by-side';

/**
 * T: like toggles under contention. 100 tracks, 50 users each liking and
 * unliking them: the connections take the next request of one sequence in
 * which 50 users in a row toggle the same track, so about 50 toggles of one
 * track are in flight at once, on a single counter row. Offered at 50
 * toggles per second per track (5,000 req/s), as the issue sets it; a side
 * that cannot keep up runs flat out. No request may fail (a deadlock would
 * be a 500), and afterwards every counter must equal count(*) of its rows.
 */
const TRACKS = 100;
const USERS = envInt('BENCH_T_USERS', 50);
const RATE = envInt('BENCH_T_RATE', 50 * TRACKS);
const CATALOGUE_TRACKS = envInt('BENCH_SMALL_TRACKS', 10_000);
const PATH = (id: string) => `/api/v1/tracks/${id}/like`;

const benchmark: Benchmark = {
  id: 'T',
  title: `Like toggles: PUT|DELETE /api/v1/tracks/{id}/like, ${USERS} users on each of ${TRACKS} tracks, vs the same SQL through pg`,
  async run() {
    const cached = await cachedCatalogue(CATALOGUE_TRACKS, 'T');
    const cat = cached.catalogue;
    const tracks: string[] = [];
    for (let i = 0; tracks.length < TRACKS; i++) {
      const track = cat.track(i);
      if (cat.isListed(track)) tracks.push(track.id);
    }
    const secret = newJwtSecret();
    const users = Array.from({ length: USERS }, (_, n) => cat.userId(cat.listener(n)));
    const tokens = await Promise.all(users.map((id) => signAccessToken(secret, { id, role: 'listener' })));
    // Track by track, 50 users in a row; every user's like set, then every like cleared, and again.
    const sequence: SequenceRequest[] = [];
    for (const method of ['PUT', 'DELETE'] as const) {
      for (const id of tracks) {
        for (const token of tokens)
          sequence.push({ method, path: PATH(id), headers: { authorization: `Bearer ${token}` } });
      }
    }

    const veza = await startVezaOn('T', cached, { env: { JWT_SECRET: secret } });
    const drains: Drain[] = [];
    const runner = sequenceRunner(sequence, {
      beforeRun: async (start) => {
        drains.push(await expectedState(veza.databaseUrl, { tracks, users }, start));
      },
    });
    const anchors: AnchorServer[] = [];
    try {
      const anchorEnv = { DATABASE_URL: veza.databaseUrl, DATABASE_POOL_MAX: '10', JWT_SECRET: secret };
      const sqlOnly = await startAnchor('T', 'like-toggle-pg.ts', {
        env: { ...anchorEnv, ANCHOR_WORK: 'sql' },
        readyPath: '/ready',
      });
      anchors.push(sqlOnly);
      const checked = await startAnchor('T', 'like-toggle-pg.ts', {
        env: { ...anchorEnv, ANCHOR_WORK: 'checked' },
        readyPath: '/ready',
        logName: 'anchor-checked',
      });
      anchors.push(checked);
      const evented = await startAnchor('T', 'like-toggle-pg.ts', {
        env: { ...anchorEnv, ANCHOR_WORK: 'evented' },
        readyPath: '/ready',
        logName: 'anchor-evented',
      });
      anchors.push(evented);

      await assertSameToggles([veza.url, sqlOnly.url, checked.url, evented.url], tracks[0]!, tokens[0]!);

      const sides = await inTurn(
        'T',
        {
          ours: { url: veza.url, pid: veza.pid },
          anchor: { url: sqlOnly.url, pid: sqlOnly.pid },
          checked: { url: checked.url, pid: checked.pid },
          evented: { url: evented.url, pid: evented.pid },
        },
        { ...LOAD, connections: Math.max(LOAD.connections, USERS) },
        (req) => runner({ ...req, rate: RATE }),
      );
      const { counters, likes } = await countersAgree(veza.databaseUrl, tracks);

      const figure = 'PUT|DELETE /tracks/:id/like';
      return {
        rows: [
          throughputRow(
            'T',
            figure,
            { ours: sides.ours, anchor: sides.anchor },
            { kind: 'at-least', must: 0.5, target: 0.7 },
          ),
          p99Row('T', figure, { ours: sides.ours, anchor: sides.anchor }, INFORMATIONAL),
          throughputRow(
            'T',
            `${figure} (info: anchor with the checks)`,
            { ours: sides.ours, anchor: sides.checked },
            INFORMATIONAL,
          ),
          throughputRow(
            'T',
            `${figure} (info: anchor with the checks and the track.liked event)`,
            { ours: sides.ours, anchor: sides.evented },
            INFORMATIONAL,
          ),
        ],
        notes: [
          `ours: Veza pid ${veza.pid} on CPU ${veza.cpus}; anchor: bench/anchors/like-toggle-pg.ts (node:http + pg) pid ${sqlOnly.pid}, the transaction alone (INSERT … ON CONFLICT DO NOTHING or DELETE, then UPDATE tracks SET like_count = like_count ± changed RETURNING, Veza's statements), user read from the token unchecked; info: the same anchor with the checks a signed-in toggle cannot skip (JWT verified, revocation lookup, the track read as the viewer may see it), pid ${checked.pid}. Neither writes the track.liked event Veza writes with every new like; info: the checked anchor that also writes it (outbox row and NOTIFY in the toggle's transaction, as outbox.ts does), pid ${evented.pid}, its events then relayed and delivered by Veza's process as Veza's own are`,
          `load: ${USERS} users × ${TRACKS} tracks, ${USERS} toggles of one track in a row, offered at ${RATE.toLocaleString('en-US')} req/s (BENCH_T_RATE), ${Math.max(LOAD.connections, USERS)} connections; before each run (outside it) the likes are set as the sequence up to the run's start leaves them, so every side's toggles change state (a repeat is a cheap no-op: sides sent requests another side had already applied ran several times faster), and Veza's outbox and delivery jobs are drained first`,
          `Veza's deferred work left at the end of a run (events to relay + deliveries to run), drained before the next: ${drains.map((d) => `${d.pending} in ${(d.ms / 1000).toFixed(1)} s`).join(', ')}`,
          `afterwards: ${counters} of ${TRACKS} like counters equal count(*) of their rows (${likes} likes standing); no deadlock: every request answered 2xx`,
          catalogueNote(cached),
        ],
      };
    } finally {
      for (const anchor of anchors.reverse()) await anchor.stop();
      await veza.stop();
    }
  },
};

/** The same toggles answer alike everywhere: set (twice: the repeat is a no-op), then cleared. */
async function assertSameToggles(urls: string[], trackId: string, token: string): Promise<void> {
  for (const method of ['PUT', 'PUT', 'DELETE', 'DELETE']) {
    for (const url of urls) {
      const res = await fetch(url + PATH(trackId), { method, headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      const expected = JSON.stringify({ liked: method === 'PUT', likeCount: method === 'PUT' ? 1 : 0 });
      if (res.status !== 200 || JSON.stringify(JSON.parse(body)) !== expected) {
        throw new Error(`${method} ${url}${PATH(trackId)} answered ${res.status} ${body}, expected 200 ${expected}`);
      }
    }
  }
}

/**
 * The like rows of the benchmark's users as the sequence leaves them before
 * request `start` (every PUT of one half applied in order, then the DELETEs of
 * the other), with the counters moved to match; after Veza's pending events
 * and delivery jobs from the previous run are done, so no side is measured
 * while another's deferred work runs.
 */
interface Drain {
  pending: number;
  ms: number;
}

async function expectedState(
  databaseUrl: string,
  { tracks, users }: { tracks: readonly string[]; users: readonly string[] },
  start: number,
): Promise<Drain> {
  const half = tracks.length * users.length;
  const liked = (i: number) => (start <= half ? i < start : i >= start - half);
  const pairs = { users: [] as string[], tracks: [] as string[] };
  for (let i = 0; i < half; i++) {
    if (!liked(i)) continue;
    pairs.tracks.push(tracks[Math.floor(i / users.length)]!);
    pairs.users.push(users[i % users.length]!);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const drain = { pending: 0, ms: 0 };
    const began = Date.now();
    for (let waited = 0; ; waited += 200) {
      const { rows } = await client.query<{ pending: number }>(
        `SELECT (SELECT count(*) FROM event_outbox WHERE relayed_at IS NULL)
              + (SELECT count(*) FROM pgboss.job WHERE name = 'events.deliver' AND state IN ('created', 'retry', 'active'))
              AS pending`,
      );
      if (waited === 0) drain.pending = Number(rows[0]?.pending);
      if (Number(rows[0]?.pending) === 0) break;
      if (waited > 120_000)
        throw new Error(`Veza still has ${rows[0]?.pending} events or deliveries pending after 2 min`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await client.query('BEGIN');
    // Toggles the last run left in flight (queued on a counter row when the load stopped) finish first.
    await client.query('LOCK TABLE track_likes IN SHARE ROW EXCLUSIVE MODE');
    await client.query('DELETE FROM track_likes WHERE track_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[])', [
      tracks,
      users,
    ]);
    await client.query(
      'INSERT INTO track_likes (user_id, track_id, created_at) SELECT u, t, now() FROM unnest($1::uuid[], $2::uuid[]) AS p(u, t) ON CONFLICT DO NOTHING',
      [pairs.users, pairs.tracks],
    );
    await client.query(
      'UPDATE tracks t SET like_count = (SELECT count(*) FROM track_likes l WHERE l.track_id = t.id) WHERE t.id = ANY($1::uuid[])',
      [tracks],
    );
    await client.query('COMMIT');
    drain.ms = Date.now() - began;
    return drain;
  } finally {
    await client.end();
  }
}

/** Throws unless every track's like_count equals the count of its like rows. */
async function countersAgree(databaseUrl: string, trackIds: string[]): Promise<{ counters: number; likes: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; like_count: number; rows: string }>(
      `SELECT t.id, t.like_count, (SELECT count(*) FROM track_likes l WHERE l.track_id = t.id) AS rows
         FROM tracks t WHERE t.id = ANY($1::uuid[])`,
      [trackIds],
    );
    const wrong = rows.filter((r) => r.like_count !== Number(r.rows));
    if (wrong.length > 0 || rows.length !== trackIds.length) {
      const shown = wrong.slice(0, 5).map((r) => `${r.id}: like_count ${r.like_count}, rows ${r.rows}`);
      throw new Error(`like counters disagree with count(*) on ${wrong.length} tracks: ${shown.join('; ')}`);
    }
    return { counters: rows.length, likes: rows.reduce((sum, r) => sum + Number(r.rows), 0) };
  } finally {
    await client.end();
  }
}

export default benchmark;
