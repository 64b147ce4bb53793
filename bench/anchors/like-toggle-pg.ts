import http from 'node:http';
import { jwtVerify } from 'jose';
import pg from 'pg';

/**
 * Anchor of T: PUT|DELETE /api/v1/tracks/{id}/like with node:http and `pg`.
 * In one transaction, the like row (INSERT … ON CONFLICT DO NOTHING, or
 * DELETE) and the track's counter moved by the rows changed (UPDATE …
 * RETURNING), text for text as Veza's SocialRepo and TracksRepo send them;
 * answers {liked, likeCount} as Veza does.
 *
 * ANCHOR_WORK=sql (the judged anchor, as BENCHMARKS.md names it) does only
 * that, reading the user from the token without checking it. ANCHOR_WORK=checked
 * also does the checks no signed-in toggle can skip, as Veza does them: the
 * access JWT verified (jose, HS256, issuer, audience, expiry, same secret),
 * the revocation lookup, and the read of the track as this viewer may see it.
 * ANCHOR_WORK=evented does what `checked` does and also writes the `track.liked`
 * event of a new like as Veza's outbox does, in the toggle's transaction (the
 * outbox row and its NOTIFY, one statement, before the counter): Veza's relay,
 * woken by that NOTIFY, then relays and delivers the anchor's events as its own.
 * `sql` and `checked` publish nothing.
 */

const INSERT = `insert into "track_likes" ("user_id", "track_id", "created_at") values ($1, $2, $3) on conflict ("user_id", "track_id") do nothing`;
const DELETE = `delete from "track_likes" where "user_id" = $1 and "track_id" = $2`;
const COUNT = `update "tracks" set "like_count" = "like_count" + $1 where "id" = $2 returning "like_count"`;
/** A repeat changes no row: the counter is only read, taking no row lock (TracksRepo.adjustEngagement with 0). */
const READ = `select "like_count" from "tracks" where "id" = $1`;
const REVOKED = `select max("revoked_before") as "before" from "access_revocations" where "subject" in ($1, $2) and "expires_at" > $3`;
const VISIBLE = `select "tracks".*, "users"."username" as "artist_username", "users"."display_name" as "artist_display_name" from "tracks" inner join "users" on "users"."id" = "tracks"."owner_id" where "tracks"."id" = $1 and (("tracks"."status" = $2 and "tracks"."visibility" != $3) or "tracks"."owner_id" = $4)`;

const EVENT = `with "event" as (insert into "event_outbox" ("name", "payload", "created_at") values ($1, $2, $3) returning "id") select "event"."id", pg_notify($4, $5) as "woken" from "event"`;
/** outbox.ts's OUTBOX_CHANNEL and COMMITTED. */
const OUTBOX_CHANNEL = 'veza_outbox';
const COMMITTED = JSON.stringify({ name: 'outbox.committed', payload: {} });

const EVENTED = process.env.ANCHOR_WORK === 'evented';
const CHECKED = process.env.ANCHOR_WORK === 'checked' || EVENTED;
const key = new TextEncoder().encode(process.env.JWT_SECRET ?? '');
const ROUTE = /^\/api\/v1\/tracks\/([0-9a-f-]{36})\/like$/;

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10), // Veza's DATABASE_POOL_MAX default
  idleTimeoutMillis: 5 * 60_000,
});

class Refused extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

async function userOf(authorization: string | undefined): Promise<string> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new Refused(401);
  if (!CHECKED) {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub?: string };
    if (!payload.sub) throw new Refused(401);
    return payload.sub;
  }
  const { payload } = await jwtVerify(token, key, {
    algorithms: ['HS256'],
    issuer: 'veza',
    audience: 'veza-api',
  }).catch(() => {
    throw new Refused(401);
  });
  if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Refused(401);
  const issuedAt = new Date(typeof payload.iat_ms === 'number' ? payload.iat_ms : (payload.iat ?? 0) * 1000);
  const { rows } = await pool.query<{ before: Date | null }>(REVOKED, [
    `session:${payload.sid}`,
    `user:${payload.sub}`,
    new Date(),
  ]);
  const before = rows[0]?.before;
  if (before && issuedAt <= before) throw new Refused(401);
  return payload.sub;
}

async function toggle(userId: string, trackId: string, on: boolean): Promise<{ liked: boolean; likeCount: number }> {
  let ownerId: string | undefined;
  if (CHECKED) {
    const { rows } = await pool.query<{ owner_id: string }>(VISIBLE, [trackId, 'ready', 'private', userId]);
    if (rows.length === 0) throw new Refused(404);
    ownerId = rows[0]!.owner_id;
  }
  const client = await pool.connect();
  try {
    await client.query('begin');
    const changed = on
      ? (await client.query(INSERT, [userId, trackId, new Date()])).rowCount
      : (await client.query(DELETE, [userId, trackId])).rowCount;
    const delta = on ? (changed ?? 0) : -(changed ?? 0);
    if (EVENTED && delta > 0) {
      const payload = JSON.stringify({ trackId, userId, ownerId });
      await client.query(EVENT, ['track.liked', payload, new Date(), OUTBOX_CHANNEL, COMMITTED]);
    }
    const { rows } =
      delta === 0
        ? await client.query<{ like_count: number }>(READ, [trackId])
        : await client.query<{ like_count: number }>(COUNT, [delta, trackId]);
    await client.query('commit');
    if (!rows[0]) throw new Refused(404);
    return { liked: on, likeCount: rows[0].like_count };
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

const server = http.createServer((req, res) => {
  const trackId = ROUTE.exec(req.url ?? '')?.[1];
  if (req.url === '/ready') return send(res, 200, { ready: true });
  if (!trackId || (req.method !== 'PUT' && req.method !== 'DELETE')) return send(res, 404, { status: 404 });
  req.resume();
  userOf(req.headers.authorization)
    .then((userId) => toggle(userId, trackId, req.method === 'PUT'))
    .then(
      (state) => send(res, 200, state),
      (err: Error) => send(res, err instanceof Refused ? err.status : 500, { status: 500, detail: err.message }),
    );
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 8084), process.env.HOST ?? '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end();
});
