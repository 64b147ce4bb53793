import pg from 'pg';
import { copyRows, type Field } from './copy';
import { LISTENERS, type Catalogue } from './rows';

/**
 * Writes a catalogue into a migrated Veza database: users, tracks, reposts
 * and follows by COPY, counters as count(*) of their rows, and the search
 * documents and vocabulary the search module's indexer would write, made
 * by the indexer's own SQL expressions run over every row at once.
 */

/** The tables written, whose secondary indexes are dropped for the load and built again after. */
const TABLES = ['users', 'tracks', 'track_reposts', 'follows', 'search_documents', 'search_vocabulary'];

export interface Generated {
  users: number;
  tracks: number;
  reposts: number;
  follows: number;
  documents: number;
  /** Distinct words of titles and names, which typos are corrected to. */
  words: number;
  /** Wall time of each step, ms. */
  steps: Record<string, number>;
}

export async function generate(databaseUrl: string, cat: Catalogue, log: (line: string) => void): Promise<Generated> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    steps[name] = Math.round(performance.now() - started);
    log(`${name}: ${(steps[name] / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    // Rows are consistent by construction: no per-row foreign-key trigger on a million tracks.
    await client.query(`SET session_replication_role = replica`);
    const indexes = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = ANY($1)
          AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
      [TABLES],
    );
    for (const { name } of indexes.rows) await client.query(`DROP INDEX "${name}"`);

    // Counters first, so each row is written once with its final count (no UPDATE bloat).
    const repostsOf = new Map<number, number>();
    const followersOf = new Map<number, number>();
    for (let a = 0; a < cat.artists; a++) {
      for (const r of cat.reposts(a)) repostsOf.set(r.track, (repostsOf.get(r.track) ?? 0) + 1);
    }
    const followingOf: number[] = [];
    for (let n = 0; n < LISTENERS; n++) {
      const follows = cat.follows(n);
      followingOf[n] = follows.length;
      for (const f of follows) followersOf.set(f.artist, (followersOf.get(f.artist) ?? 0) + 1);
    }

    const users = await step('users', () =>
      copyRows(
        client,
        'users',
        [
          'id',
          'email',
          'username',
          'password_hash',
          'display_name',
          'bio',
          'role',
          'email_verified_at',
          'password_changed_at',
          'created_at',
          'updated_at',
          'follower_count',
          'following_count',
        ],
        (function* (): Generator<Field[]> {
          for (let i = 0; i < cat.users; i++) {
            const u = cat.user(i);
            const following = i >= cat.artists ? followingOf[i - cat.artists]! : 0;
            // No password: these accounts never log in (the benchmarks mint their access tokens).
            yield [
              u.id,
              u.email,
              u.username,
              '!',
              u.display_name,
              u.bio,
              u.role,
              u.created_at,
              u.created_at,
              u.created_at,
              u.created_at,
              followersOf.get(i) ?? 0,
              following,
            ];
          }
        })(),
      ),
    );

    const tracks = await step('tracks', () =>
      copyRows(
        client,
        'tracks',
        [
          'id',
          'owner_id',
          'title',
          'description',
          'genre',
          'tags',
          'visibility',
          'status',
          'status_message',
          'file_path',
          'original_filename',
          'original_bytes',
          'duration_ms',
          'codec',
          'sample_rate',
          'channels',
          'loudness_lufs',
          'peak_dbfs',
          'cover_key',
          'hls_prefix',
          'progress',
          'play_count',
          'repost_count',
          'ready_at',
          'created_at',
          'updated_at',
        ],
        (function* (): Generator<Field[]> {
          for (let i = 0; i < cat.size.tracks; i++) {
            const t = cat.track(i);
            yield [
              t.id,
              t.owner_id,
              t.title,
              t.description,
              t.genre,
              t.tags,
              t.visibility,
              t.status,
              t.status_message,
              t.file_path,
              t.original_filename,
              t.original_bytes,
              t.duration_ms,
              'flac',
              44_100,
              2,
              t.loudness_lufs,
              t.peak_dbfs,
              t.cover_key,
              t.hls_prefix,
              t.progress,
              t.play_count,
              repostsOf.get(i) ?? 0,
              t.ready_at,
              t.created_at,
              t.ready_at ?? t.created_at,
            ];
          }
        })(),
      ),
    );

    const reposts = await step('reposts', () =>
      copyRows(
        client,
        'track_reposts',
        ['user_id', 'track_id', 'created_at'],
        (function* (): Generator<Field[]> {
          for (let a = 0; a < cat.artists; a++) {
            for (const r of cat.reposts(a)) yield [cat.userId(a), cat.trackId(r.track), r.at];
          }
        })(),
      ),
    );

    const follows = await step('follows', () =>
      copyRows(
        client,
        'follows',
        ['follower_id', 'followee_id', 'created_at'],
        (function* (): Generator<Field[]> {
          for (let n = 0; n < LISTENERS; n++) {
            for (const f of cat.follows(n)) yield [cat.userId(cat.listener(n)), cat.userId(f.artist), f.at];
          }
        })(),
      ),
    );

    const documents = await step('search documents', async () => {
      const u = await client.query(USER_DOCUMENTS);
      const t = await client.query(TRACK_DOCUMENTS);
      return (u.rowCount ?? 0) + (t.rowCount ?? 0);
    });
    const words = await step('search vocabulary', async () => (await client.query(VOCABULARY)).rowCount ?? 0);
    await step('search tiers', async () => {
      await client.query(HOT_TIER_EDGE, [HOT_TIER_TRACKS]);
      await client.query(HOT_TIER_PLACE);
    });

    await step('indexes', async () => {
      for (const { def } of indexes.rows) await client.query(def);
    });
    await client.query(`SET session_replication_role = DEFAULT`);
    // Hint bits and the visibility map set, statistics fresh: as a database that has lived a while, not one just loaded.
    await step('vacuum analyze', () => client.query(`VACUUM ANALYZE`));
    return { users, tracks, reposts, follows, documents, words, steps };
  } finally {
    await client.end();
  }
}

/**
 * What SearchIndexer.userDocument / trackDocument and PostgresSearchIndex.indexMany
 * write, as one INSERT … SELECT each: the same columns, the same weighted
 * tsvector (title A, artist B, tags and genre C, description D over
 * unaccent, 'simple'), the same fuzzy text (title, a space, the artist).
 * Checked once against the indexer itself: PostgresSearchIndex.indexMany
 * over every row of a 10k catalogue rewrote all 12,500 documents to equal
 * values. A change to the indexer's expressions must be made here too.
 */
const USER_DOCUMENTS = `
INSERT INTO search_documents (kind, id, owner_id, visibility, available, title, subtitle, genre, tags,
                              duration_ms, popularity, published_at, document, fuzzy, indexed_at)
SELECT 'user', u.id, u.id, 'public', true, d.title, NULL, NULL, '{}', NULL, 0, u.created_at,
       setweight(to_tsvector('simple', unaccent(d.title)), 'A')
         || setweight(to_tsvector('simple', unaccent('')), 'B')
         || setweight(to_tsvector('simple', unaccent('')), 'C')
         || setweight(to_tsvector('simple', unaccent(coalesce(u.bio, ''))), 'D'),
       lower(unaccent(d.title || ' ')),
       now()
  FROM users u, LATERAL (SELECT concat_ws(' ', nullif(u.display_name, ''), u.username) AS title) d`;

const TRACK_DOCUMENTS = `
INSERT INTO search_documents (kind, id, owner_id, visibility, available, title, subtitle, genre, tags,
                              duration_ms, popularity, published_at, document, fuzzy, indexed_at)
SELECT 'track', t.id, t.owner_id, t.visibility, t.status = 'ready', t.title, a.name, lower(t.genre),
       ARRAY(SELECT lower(tag) FROM unnest(t.tags) WITH ORDINALITY AS x(tag, n) ORDER BY n),
       t.duration_ms, t.play_count, coalesce(t.ready_at, t.created_at),
       setweight(to_tsvector('simple', unaccent(t.title)), 'A')
         || setweight(to_tsvector('simple', unaccent(a.name)), 'B')
         || setweight(to_tsvector('simple', unaccent(array_to_string(t.tags || coalesce(t.genre, ''), ' '))), 'C')
         || setweight(to_tsvector('simple', unaccent(coalesce(t.description, ''))), 'D'),
       lower(unaccent(t.title || ' ' || a.name)),
       now()
  FROM tracks t
  JOIN users u ON u.id = t.owner_id,
  LATERAL (SELECT concat_ws(' ', nullif(u.display_name, ''), u.username) AS name) a`;

/**
 * What PostgresSearchIndex.indexMany adds to the vocabulary with each
 * document, for every document at once: the lexemes of title and artist
 * (weights A and B of the document) of 4 letters or more. Checked once:
 * indexMany over 9,500 documents of the 1M catalogue rewrote them equal and
 * added no word. A change to the indexer's expression must be made here too.
 */
const VOCABULARY = `
INSERT INTO search_vocabulary (word)
SELECT DISTINCT word FROM search_documents, unnest(tsvector_to_array(ts_filter(document, '{a,b}'))) AS word
 WHERE length(word) >= 4`;

/**
 * What the search.hot-tier job does at Veza's first start
 * (PostgresSearchIndex.refreshHotTier with HOT_TIER_TRACKS of search.jobs.ts):
 * the edge is the HOT_TIER_TRACKS-th most played track (newest first among
 * equals), or none when there are fewer tracks; tracks at or above it are hot.
 */
const HOT_TIER_TRACKS = 50_000;
const HOT_TIER_EDGE = `
UPDATE search_hot_tier SET (min_popularity, min_published_at, refreshed_at) = (
  SELECT coalesce(max(popularity), -1), coalesce(max(published_at), 'epoch'), now()
    FROM (SELECT popularity, published_at FROM search_documents WHERE kind = 'track'
           ORDER BY popularity DESC, published_at DESC OFFSET $1 - 1 LIMIT 1) AS edge)`;
const HOT_TIER_PLACE = `
UPDATE search_documents SET hot = (popularity, published_at) >= (SELECT min_popularity, min_published_at FROM search_hot_tier)
 WHERE kind = 'track'`;
