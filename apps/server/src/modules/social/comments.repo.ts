import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '@/platform/db/schema';
import type { DbOrTx } from '@/platform/db/db';
import { newerThan, olderThan, type PageRequest } from '@/platform/db/keyset';
import type { CommentRow } from './comments.tables';
import './comments.tables';

export interface NewCommentRow {
  trackId: string;
  authorId: string;
  parentId: string | null;
  body: string;
  atMs: number | null;
  now: Date;
}

export type ReplyRow = CommentRow & { reply_count: number };

/**
 * Comments by these authors are left out (the viewer's and the track
 * owner's blocks), except placeholders of deleted comments, whose replies
 * by others stay readable.
 */
function notBy(hidden: readonly string[]) {
  return (eb: ExpressionBuilder<Database, 'track_comments'>) =>
    hidden.length === 0
      ? eb.val(true)
      : eb.or([eb('track_comments.deleted_at', 'is not', null), eb('track_comments.author_id', 'not in', hidden)]);
}

/** SQL for track comments, nothing else. */
export class CommentsRepo {
  constructor(private readonly db: DbOrTx) {}

  insert(c: NewCommentRow): Promise<CommentRow> {
    return this.db
      .insertInto('track_comments')
      .values({
        track_id: c.trackId,
        author_id: c.authorId,
        parent_id: c.parentId,
        body: c.body,
        at_ms: c.atMs,
        created_at: c.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  byId(id: string, opts: { lock?: boolean } = {}): Promise<CommentRow | undefined> {
    const query = this.db.selectFrom('track_comments').selectAll().where('id', '=', id);
    return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
  }

  /** A page of a track's top-level comments, newest first. */
  topPage(trackId: string, hidden: readonly string[], page: PageRequest): Promise<CommentRow[]> {
    let query = this.db
      .selectFrom('track_comments')
      .selectAll()
      .where('track_id', '=', trackId)
      .where('parent_id', 'is', null)
      .where(notBy(hidden));
    if (page.after) query = query.where(olderThan('track_comments.created_at', 'track_comments.id', page.after));
    return query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  /** The first `each` replies of each parent, oldest first, with how many it has in all. */
  async replies(parentIds: readonly string[], hidden: readonly string[], each: number): Promise<ReplyRow[]> {
    if (parentIds.length === 0) return [];
    const ranked = this.db
      .selectFrom('track_comments')
      .selectAll()
      .select([
        sql<number>`row_number() over (partition by parent_id order by created_at, id)`.as('rank'),
        sql<number>`count(*) over (partition by parent_id)`.as('reply_count'),
      ])
      .where('parent_id', 'in', parentIds)
      .where(notBy(hidden))
      .as('ranked');
    const rows = await this.db
      .selectFrom(ranked)
      .selectAll()
      .where('rank', '<=', each)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(({ rank: _rank, ...row }) => ({ ...row, reply_count: Number(row.reply_count) }));
  }

  /** A page of one thread's replies, oldest first (`track_comments_replies_idx`). */
  repliesPage(parentId: string, hidden: readonly string[], page: PageRequest): Promise<CommentRow[]> {
    let query = this.db.selectFrom('track_comments').selectAll().where('parent_id', '=', parentId).where(notBy(hidden));
    if (page.after) query = query.where(newerThan('track_comments.created_at', 'track_comments.id', page.after));
    return query
      .orderBy('created_at')
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
  }

  /** Live (not deleted) comments and replies on a track, as the viewer is shown them. */
  async count(trackId: string, hidden: readonly string[]): Promise<number> {
    const row = await this.db
      .selectFrom('track_comments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('track_id', '=', trackId)
      .where('deleted_at', 'is', null)
      .where(notBy(hidden))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The newest `limit` live top-level comments that carry a position. */
  markers(trackId: string, hidden: readonly string[], limit: number): Promise<CommentRow[]> {
    return this.db
      .selectFrom('track_comments')
      .selectAll()
      .where('track_id', '=', trackId)
      .where('parent_id', 'is', null)
      .where('at_ms', 'is not', null)
      .where('deleted_at', 'is', null)
      .where(notBy(hidden))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async editBody(id: string, body: string, now: Date): Promise<CommentRow | undefined> {
    return this.db
      .updateTable('track_comments')
      .set({ body, edited_at: now })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  }

  async hasReplies(id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('track_comments')
      .select('id')
      .where('parent_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Keeps the row as a placeholder, so its replies keep their thread. */
  async markDeleted(id: string, now: Date): Promise<void> {
    await this.db.updateTable('track_comments').set({ body: '', deleted_at: now }).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('track_comments').where('id', '=', id).execute();
  }
}
