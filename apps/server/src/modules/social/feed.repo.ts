import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { Database } from '@/platform/db/schema';
import type { Db, DbOrTx } from '@/platform/db/db';
import { visibleTo, type Viewer } from '@/modules/tracks/tracks.repo';
import '@/modules/library/library.tables';
import './social.tables';

/** One feed entry as stored: a track at its newest activity by someone the reader follows. */
export interface FeedRow {
  track_id: string;
  at: Date;
}

/** An entry of the page: a track or a playlist, at its newest activity. */
export interface FeedEntry {
  kind: 'track' | 'playlist';
  id: string;
  at: Date;
}

/** A playlist's feed entry: its newest repost by someone the reader follows. */
export interface PlaylistFeedRow {
  playlist_id: string;
  at: Date;
}

type Me = NonNullable<Viewer>;

/**
 * SQL of the feed, nothing else.
 *
 * A track's activities, for one reader, are its upload (when the reader
 * follows its owner) and its reposts by followed users. Its feed entry is
 * its newest activity, ordered by (time, actor) so there is always exactly
 * one newest: an activity row is kept only when no newer one exists for the
 * same track. That filter depends on the rows, not on the page, so plain
 * keyset pagination over the kept rows has neither gaps nor repeats, and
 * each track comes once however many followed users reposted it.
 *
 * Speed does not depend on the size of `tracks`: each followed user gives at
 * most a page of uploads (partial index `tracks_feed_idx`) and a page of
 * reposts (`track_reposts_user_idx`), each read by a LATERAL index scan
 * after the cursor; the newest page of their union is the answer, since
 * any followed user's (page + 1)-th row is older than a page of other
 * entries.
 *
 * Most rows pass every filter, so a first pass (`quickPage`) reads only
 * index entries, keeps the newest few candidates, and filters just those;
 * only when filtering leaves the page short does the full query run, with
 * the filters inside each followed user's scan.
 */
export class FeedRepo {
  constructor(private readonly db: Db) {}

  /**
   * JIT is off for this one statement: its cost estimate grows with the
   * tables, so past a size Postgres would spend ~100 ms compiling a query
   * that reads only a few thousand index entries.
   */
  page(viewer: Me, page: PageRequest): Promise<FeedEntry[]> {
    return this.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL jit = off`.execute(trx);
      const tracks = (await quickPage(trx, viewer, page)) ?? (await pageQuery(trx, viewer, page));
      const playlists = await playlistPage(trx, viewer, page);
      // Both lists hold the newest `limit + 1` after the same cursor, so the newest of their union are the page's.
      const entries: FeedEntry[] = [
        ...tracks.map((r) => ({ kind: 'track' as const, id: r.track_id, at: r.at })),
        ...playlists.map((r) => ({ kind: 'playlist' as const, id: r.playlist_id, at: r.at })),
      ];
      return entries.sort(newestFirst).slice(0, page.limit + 1);
    });
  }

  /** Who among the people the reader follows reposted these tracks or playlists, newest repost first. */
  async repostersAmongFollowed(
    me: string,
    kind: FeedEntry['kind'],
    ids: readonly string[],
  ): Promise<{ of: string; user_id: string }[]> {
    if (ids.length === 0) return [];
    const table = kind === 'track' ? 'track_reposts' : 'playlist_reposts';
    const of = sql.ref(`r.${kind}_id`);
    const { rows } = await sql<{
      of: string;
      user_id: string;
    }>`SELECT ${of} AS of, r.user_id FROM ${sql.table(table)} AS r
      JOIN follows AS f ON f.followee_id = r.user_id AND f.follower_id = ${me}
      WHERE ${of} = ANY(${ids}::uuid[]) ORDER BY r.created_at DESC, r.user_id DESC`.execute(this.db);
    return rows;
  }

  /** Which of these users the reader follows. */
  async followed(me: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('follows')
      .select('followee_id')
      .where('follower_id', '=', me)
      .where('followee_id', 'in', userIds)
      .execute();
    return new Set(rows.map((r) => r.followee_id));
  }
}

/** (at, id) descending, the order of every feed query. */
function newestFirst(a: FeedEntry, b: FeedEntry): number {
  return b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

type FeedScope = ExpressionBuilder<Database, 'tracks'>;

/** What a feed may show: what the reader may see (`visibleTo`), and only ready, public tracks of it. */
function feedable(viewer: Viewer) {
  return (eb: FeedScope) =>
    eb.and([visibleTo(viewer)(eb), eb('tracks.status', '=', 'ready'), eb('tracks.visibility', '=', 'public')]);
}

function followedBy(me: string, userColumn: string) {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM follows WHERE follower_id = ${me} AND followee_id = ${sql.ref(userColumn)})`;
}

/**
 * The entry (a track, when, by whom) is the track's newest activity the
 * reader sees: no later repost by someone they follow, and no later upload
 * by a followed owner (older than any repost, except for a tie on the clock).
 */
function newestActivity(me: string, entry: { track: string; at: string; actor: string }) {
  const [track, at, actor] = [sql.ref(entry.track), sql.ref(entry.at), sql.ref(entry.actor)];
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM track_reposts AS later WHERE later.track_id = ${track}
      AND (later.created_at, later.user_id) > (${at}, ${actor}) AND ${followedBy(me, 'later.user_id')})
    AND NOT ((tracks.created_at, tracks.owner_id) > (${at}, ${actor}) AND ${followedBy(me, 'tracks.owner_id')})`;
}

/** Neither has blocked the other. */
function notBlockedWith(me: string, userColumn: string) {
  const other = sql.ref(userColumn);
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = ${me} AND blocked_id = ${other}) OR (blocker_id = ${other} AND blocked_id = ${me}))`;
}

/** The page's entries: see FeedRepo. */
function pageQuery(db: DbOrTx, viewer: Me, page: PageRequest): Promise<FeedRow[]> {
  const me = viewer.userId;
  const take = page.limit + 1;
  const after = page.after;

  const uploads = db
    .selectFrom('follows as f')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('tracks')
          .select(['tracks.id as track_id', 'tracks.created_at as at'])
          .whereRef('tracks.owner_id', '=', 'f.followee_id')
          .where(feedable(viewer))
          .$if(after !== undefined, (q) => q.where(olderThan('tracks.created_at', 'tracks.id', after!)))
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('track_reposts as later')
                  .select(sql`1`.as('one'))
                  .whereRef('later.track_id', '=', 'tracks.id')
                  .where(sql<SqlBool>`(later.created_at, later.user_id) > (tracks.created_at, tracks.owner_id)`)
                  .where(followedBy(me, 'later.user_id')),
              ),
            ),
          )
          .orderBy('tracks.created_at', 'desc')
          .orderBy('tracks.id', 'desc')
          .limit(take)
          .as('u'),
      (join) => join.onTrue(),
    )
    .select(['u.track_id', 'u.at'])
    .where('f.follower_id', '=', me)
    .where(notBlockedWith(me, 'f.followee_id'));

  const reposts = db
    .selectFrom('follows as f')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('track_reposts as r')
          .innerJoin('tracks', 'tracks.id', 'r.track_id')
          .select(['r.track_id', 'r.created_at as at'])
          .whereRef('r.user_id', '=', 'f.followee_id')
          .where(feedable(viewer))
          .where('tracks.owner_id', '!=', me)
          .where(notBlockedWith(me, 'tracks.owner_id'))
          .$if(after !== undefined, (q) => q.where(olderThan('r.created_at', 'r.track_id', after!)))
          .where(newestActivity(me, { track: 'r.track_id', at: 'r.created_at', actor: 'r.user_id' }))
          .orderBy('r.created_at', 'desc')
          .orderBy('r.track_id', 'desc')
          .limit(take)
          .as('r'),
      (join) => join.onTrue(),
    )
    .select(['r.track_id', 'r.at'])
    .where('f.follower_id', '=', me)
    .where(notBlockedWith(me, 'f.followee_id'));

  return db
    .selectFrom(uploads.unionAll(reposts).as('entry'))
    .select(['entry.track_id', 'entry.at'])
    .orderBy('entry.at', 'desc')
    .orderBy('entry.track_id', 'desc')
    .limit(take)
    .execute();
}

/** How many unfiltered candidates the first pass keeps, per row of the page. */
const QUICK_FACTOR = 2;

/**
 * The page from the newest `QUICK_FACTOR × (limit + 1)` activity rows before
 * any filter, read from index entries alone; filtering can only remove rows,
 * so when enough remain they are the newest that pass. Undefined when too
 * few remain to be sure (the caller then runs the full query).
 */
async function quickPage(db: DbOrTx, viewer: Me, page: PageRequest): Promise<FeedRow[] | undefined> {
  const me = viewer.userId;
  const take = page.limit + 1;
  const keep = take * QUICK_FACTOR;
  const after = page.after;

  const uploads = db
    .selectFrom('follows as f')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('tracks')
          .select(['tracks.id as track_id', 'tracks.created_at as at', 'tracks.owner_id as actor_id'])
          .whereRef('tracks.owner_id', '=', 'f.followee_id')
          .where('tracks.status', '=', 'ready')
          .where('tracks.visibility', '=', 'public')
          .$if(after !== undefined, (q) => q.where(olderThan('tracks.created_at', 'tracks.id', after!)))
          .orderBy('tracks.created_at', 'desc')
          .orderBy('tracks.id', 'desc')
          .limit(keep)
          .as('u'),
      (join) => join.onTrue(),
    )
    .select(['u.track_id', 'u.at', 'u.actor_id'])
    .where('f.follower_id', '=', me);

  const reposts = db
    .selectFrom('follows as f')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('track_reposts as r')
          .select(['r.track_id', 'r.created_at as at', 'r.user_id as actor_id'])
          .whereRef('r.user_id', '=', 'f.followee_id')
          .$if(after !== undefined, (q) => q.where(olderThan('r.created_at', 'r.track_id', after!)))
          .orderBy('r.created_at', 'desc')
          .orderBy('r.track_id', 'desc')
          .limit(keep)
          .as('r'),
      (join) => join.onTrue(),
    )
    .select(['r.track_id', 'r.at', 'r.actor_id'])
    .where('f.follower_id', '=', me);

  const rows = await db
    .with('cand', (qb) =>
      qb
        .selectFrom(uploads.unionAll(reposts).as('all_rows'))
        .selectAll()
        .orderBy('all_rows.at', 'desc')
        .orderBy('all_rows.track_id', 'desc')
        .limit(keep),
    )
    .selectFrom('cand')
    .innerJoin('tracks', 'tracks.id', 'cand.track_id')
    .select(['cand.track_id', 'cand.at', sql<string>`(SELECT count(*) FROM cand)`.as('candidates')])
    .where(feedable(viewer))
    .where('tracks.owner_id', '!=', me)
    .where(notBlockedWith(me, 'tracks.owner_id'))
    .where(notBlockedWith(me, 'cand.actor_id'))
    .where(newestActivity(me, { track: 'cand.track_id', at: 'cand.at', actor: 'cand.actor_id' }))
    .orderBy('cand.at', 'desc')
    .orderBy('cand.track_id', 'desc')
    .limit(take)
    .execute();
  const exhausted = rows.length > 0 && Number(rows[0]!.candidates) < keep;
  if (rows.length < take && !exhausted) return undefined;
  return rows.map((r) => ({ track_id: r.track_id, at: r.at }));
}

/**
 * Playlists reposted by people the reader follows, each once, at its
 * newest such repost: the same keyset rule as tracks (a row is kept only
 * when no followed user reposted the playlist later), one LATERAL scan of
 * `playlist_reposts_user_idx` per followed user. Only public playlists of
 * others, neither end blocked.
 */
function playlistPage(db: DbOrTx, viewer: Me, page: PageRequest): Promise<PlaylistFeedRow[]> {
  const me = viewer.userId;
  const take = page.limit + 1;
  const after = page.after;
  return db
    .selectFrom('follows as f')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('playlist_reposts as r')
          .innerJoin('playlists', 'playlists.id', 'r.playlist_id')
          .select(['r.playlist_id', 'r.created_at as at'])
          .whereRef('r.user_id', '=', 'f.followee_id')
          .where('playlists.visibility', '=', 'public')
          .where('playlists.owner_id', '!=', me)
          .where(notBlockedWith(me, 'playlists.owner_id'))
          .$if(after !== undefined, (q) => q.where(olderThan('r.created_at', 'r.playlist_id', after!)))
          .where(
            sql<SqlBool>`NOT EXISTS (SELECT 1 FROM playlist_reposts AS later WHERE later.playlist_id = r.playlist_id
              AND (later.created_at, later.user_id) > (r.created_at, r.user_id) AND ${followedBy(me, 'later.user_id')})`,
          )
          .orderBy('r.created_at', 'desc')
          .orderBy('r.playlist_id', 'desc')
          .limit(take)
          .as('p'),
      (join) => join.onTrue(),
    )
    .select(['p.playlist_id', 'p.at'])
    .where('f.follower_id', '=', me)
    .where(notBlockedWith(me, 'f.followee_id'))
    .orderBy('p.at', 'desc')
    .orderBy('p.playlist_id', 'desc')
    .limit(take)
    .execute();
}
