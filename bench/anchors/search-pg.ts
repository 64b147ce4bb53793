import http from 'node:http';
import pg from 'pg';

/**
 * Anchor of S: GET /api/v1/search?q= with nothing but node:http and `pg`.
 * The same statements Veza sends for an anonymous search of every type,
 * text for text (as Kysely compiles them: PostgresSearchIndex.matching's
 * ranked candidates, TracksRepo.findableWithArtist, UsersRepo.byIds), in
 * the same shape: the three groups (tracks, people, playlists) at once,
 * each ranking one statement (no transaction: nothing is set for it), then reading
 * the ranked tracks and people. The same JSON out.
 * No hooks, no logging, no validation beyond what the SQL needs.
 */

const RANK = `with "hot_text" as (select "kind", "id", "popularity", ts_rank(document, to_tsquery('simple', unaccent($1))) + word_similarity(lower(unaccent($2)), fuzzy)
        + CASE WHEN fuzzy LIKE lower(unaccent($3)) || '%' THEN 0.5 ELSE 0 END as "relevance" from "search_documents" where ("kind" = $4 and ("available" = $5 and "visibility" = $6)) and hot and document @@ to_tsquery('simple', unaccent($7)) limit $8), "cold_text" as (select "kind", "id", "popularity", ts_rank(document, to_tsquery('simple', unaccent($9))) + word_similarity(lower(unaccent($10)), fuzzy)
        + CASE WHEN fuzzy LIKE lower(unaccent($11)) || '%' THEN 0.5 ELSE 0 END as "relevance" from "search_documents" where ("kind" = $12 and ("available" = $13 and "visibility" = $14)) and not hot and document @@ to_tsquery('simple', unaccent($15)) and (select count(*) from "hot_text") < 200 limit $16), "full_text" as (select * from "hot_text" union all select * from "cold_text"), "prefixed" as (select "kind", "id", "popularity", ts_rank(document, to_tsquery('simple', unaccent($17))) + word_similarity(lower(unaccent($18)), fuzzy)
        + CASE WHEN fuzzy LIKE lower(unaccent($19)) || '%' THEN 0.5 ELSE 0 END as "relevance" from "search_documents" where ("kind" = $20 and ("available" = $21 and "visibility" = $22)) and fuzzy ~>=~ lower(unaccent($23)) and fuzzy ~<~ (lower(unaccent($24)) || chr(1114111)) order by fuzzy using ~<~ limit $25), "typos" as (select "kind", "id", "popularity", ts_rank(document, to_tsquery('simple', unaccent($26))) + word_similarity(lower(unaccent($27)), fuzzy)
        + CASE WHEN fuzzy LIKE lower(unaccent($28)) || '%' THEN 0.5 ELSE 0 END as "relevance" from "search_documents" where ("kind" = $29 and ("available" = $30 and "visibility" = $31)) and document @@ (select to_tsquery('simple', string_agg(alternatives, ' & ' order by n))
      from unnest(cast($32 as text[]), cast($33 as text[])) with ordinality as typed(term, word, n),
      lateral (select '(' || unaccent(typed.term) || coalesce(string_agg(' | ''' || replace(replace(close.word, '\\', '\\\\'), '''', '''''') || '''', ''), '') || ')' as alternatives
        from (select word from search_vocabulary
               where left(word, 1) = left(lower(unaccent(typed.word)), 1)
                 and length(word) between length(lower(unaccent(typed.word))) - 1
                                      and length(lower(unaccent(typed.word))) + 1
                 and word <> lower(unaccent(typed.word))
                 and levenshtein_less_equal(word, lower(unaccent(typed.word)), 2) <= 2
               order by levenshtein_less_equal(word, lower(unaccent(typed.word)), 2),
                        similarity(word, lower(unaccent(typed.word))) desc, word
               limit 3) as close) as corrections) and $34 AND (select count(*) from "full_text") < 10 limit $35) select "kind", "id" from (select * from "full_text" union all select * from "prefixed" union all select * from "typos") as "candidates" group by "kind", "id" order by max(relevance) desc, max(popularity) desc, "id" limit $36 offset $37`;
const placeholders = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
const findableTracks = (n: number) =>
  `select "tracks".*, "users"."username" as "artist_username", "users"."display_name" as "artist_display_name" from "tracks" inner join "users" on "users"."id" = "tracks"."owner_id" where "tracks"."id" in (${placeholders(1, n)}) and ("tracks"."status" = $${n + 1} and "tracks"."visibility" != $${n + 2}) and "tracks"."status" = $${n + 3} and "tracks"."visibility" = $${n + 4}`;
const usersByIds = (n: number) => `select * from "users" where "id" in (${placeholders(1, n)})`;

const LIMIT = 20;
const MAX_OFFSET = 1000;

// Counts arrive as numbers in Veza too (db.ts).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_MAX ?? 10), // Veza's DATABASE_POOL_MAX default
  idleTimeoutMillis: 5 * 60_000,
});

type Row = Record<string, unknown>;

/** searchWords: runs of letters and digits, lowercased, at most 8 of 50 characters. */
function words(q: string): string[] {
  const found =
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return found.slice(0, 8).map((w) => w.slice(0, 50));
}

/** PostgresSearchIndex's candidate caps and typo rule. */
const FULL_TEXT_CANDIDATES = 200;
const PREFIX_CANDIDATES = 50;
const TYPO_CANDIDATES = 200;
const TYPO_MIN_LETTERS = 5;

async function rank(kind: 'track' | 'user' | 'playlist', ws: string[]): Promise<string[]> {
  // Every word whole but the last, a prefix from 4 letters on (tsqueryText).
  const last = ws.length - 1;
  const terms = ws.map((w, i) => (i === last && w.length >= 4 ? `${w}:*` : w));
  const tsquery = terms.join(' & ');
  const text = ws.join(' ');
  const typos = ws.some((w) => w.length >= TYPO_MIN_LETTERS);
  // The words looked up in the vocabulary for corrections (correctedTsquery).
  const lookups = ws.map((w) => (w.length >= TYPO_MIN_LETTERS ? w : null));
  const filters = [kind, true, 'public'];
  const { rows } = await pool.query<{ id: string }>(RANK, [
    ...[tsquery, text, text, ...filters, tsquery, FULL_TEXT_CANDIDATES],
    ...[tsquery, text, text, ...filters, tsquery, FULL_TEXT_CANDIDATES],
    ...[tsquery, text, text, ...filters, text, text, PREFIX_CANDIDATES],
    ...[tsquery, text, text, ...filters, terms, lookups, typos, TYPO_CANDIDATES],
    LIMIT + 1,
    0,
  ]);
  return rows.map((r) => r.id);
}

function nextCursor(group: string, kind: string, found: number): string | null {
  if (found <= LIMIT || LIMIT > MAX_OFFSET) return null;
  return `${group}.${Buffer.from(JSON.stringify({ k: kind, s: 'relevance', o: LIMIT })).toString('base64url')}`;
}

async function tracks(ws: string[]) {
  const ranked = await rank('track', ws);
  const ids = ranked.slice(0, LIMIT);
  let items: unknown[] = [];
  if (ids.length > 0) {
    const { rows } = await pool.query<Row>(findableTracks(ids.length), [...ids, 'ready', 'private', 'ready', 'public']);
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    items = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toTrack(row)] : [];
    });
  }
  return { items, nextCursor: nextCursor('tracks', 'track', ranked.length) };
}

async function users(ws: string[]) {
  const ranked = await rank('user', ws);
  const ids = ranked.slice(0, LIMIT);
  let items: unknown[] = [];
  if (ids.length > 0) {
    const { rows } = await pool.query<Row>(usersByIds(ids.length), ids);
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    items = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toSearchUser(row)] : [];
    });
  }
  return { items, nextCursor: nextCursor('users', 'user', ranked.length) };
}

/**
 * The playlists group: ranked like the others. The generated catalogues
 * hold no playlists, so Veza's library read (LibraryService.findableSummaries)
 * never runs on them, and is not copied here: a playlist found means the
 * catalogue changed, and the anchor says so rather than answer differently.
 */
async function playlists(ws: string[]) {
  const ranked = await rank('playlist', ws);
  if (ranked.length > 0) throw new Error('the anchor does not read playlists: the catalogue is expected to hold none');
  return { items: [], nextCursor: null };
}

/** TracksService's toTrack. */
function toTrack(row: Row) {
  const coverKey = row.cover_key as string | null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    genre: row.genre,
    tags: row.tags,
    visibility: row.visibility,
    status: row.status,
    statusMessage: row.status_message,
    progress: row.status === 'ready' ? 100 : row.progress,
    durationMs: row.duration_ms,
    loudnessLufs: row.loudness_lufs,
    coverUrl: coverKey ? `/api/v1/tracks/${row.id as string}/cover/300?v=${coverKey.split('/').pop() ?? ''}` : null,
    playCount: row.play_count,
    likeCount: row.like_count,
    repostCount: row.repost_count,
    commentCount: row.comment_count,
    artist: { id: row.owner_id, username: row.artist_username, displayName: row.artist_display_name },
    createdAt: (row.created_at as Date).toISOString(),
    readyAt: (row.ready_at as Date | null)?.toISOString() ?? null,
  };
}

/** SearchService's toSearchUser over UsersService's toPublicProfile. */
function toSearchUser(row: Row) {
  const avatarKey = row.avatar_key as string | null;
  const version = avatarKey?.split('/').pop()?.split('.')[0]?.slice(0, 8) ?? '';
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    avatarUrl: avatarKey ? `/api/v1/users/${encodeURIComponent(row.username as string)}/avatar?v=${version}` : null,
  };
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
  const url = new URL(req.url ?? '/', 'http://anchor');
  // Readiness without a search: at 1M tracks a common word takes seconds on a busy machine.
  if (url.pathname === '/ready') return send(res, 200, { ready: true });
  if (url.pathname !== '/api/v1/search') return send(res, 404, { status: 404 });
  const ws = words(url.searchParams.get('q')?.trim() ?? '');
  const none = { items: [], nextCursor: null };
  if (ws.length === 0) return send(res, 200, { tracks: none, users: none, playlists: none });
  Promise.all([tracks(ws), users(ws), playlists(ws)]).then(
    ([t, u, p]) => send(res, 200, { tracks: t, users: u, playlists: p }),
    (err: Error) => send(res, 500, { status: 500, detail: err.message }),
  );
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 8083), process.env.HOST ?? '127.0.0.1');

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end();
});
