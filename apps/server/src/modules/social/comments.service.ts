import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import { encodeCursor, pageOf, pageRequest } from '@/platform/db/keyset';
import type { EventPublisher } from '@/platform/events/outbox';
import type { Principal } from '@/platform/http/access';
import { Validation, type FieldError } from '@/platform/http/errors';
import { TrackNotFound } from '@/modules/tracks/tracks.errors';
import type { TrackWithArtist } from '@/modules/tracks/tracks.repo';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { PublicProfile } from '@/modules/users/users.schemas';
import type { UsersService } from '@/modules/users/users.service';
import {
  BlockedByOwner,
  CommentDeleteForbidden,
  CommentNotFound,
  NotCommentAuthor,
  ReplyToReply,
  TrackNotOpenForComments,
} from './comments.errors';
import { CommentsRepo, type ReplyRow } from './comments.repo';
import {
  COMMENT_BODY_MAX,
  MARKERS_MAX,
  MARKER_EXCERPT,
  REPLIES_SHOWN,
  type Comment,
  type CommentAuthor,
  type CommentEdit,
  type CommentList,
  type CommentMarkers,
  type CommentReplies,
  type CommentThread,
  type NewComment,
} from './comments.schemas';
import type { CommentRow } from './comments.tables';
import type { SocialService } from './social.service';

export interface CommentsDeps {
  db: Db;
  clock: Clock;
  events: EventPublisher;
  tracks: Pick<TracksService, 'visibleTrack' | 'adjustEngagement'>;
  users: Pick<UsersService, 'publicProfiles'>;
  social: Pick<SocialService, 'isBlocked' | 'blockedBy'>;
}

type Viewer = Pick<Principal, 'userId' | 'role'> | undefined;

const MODERATING_ROLES: ReadonlySet<string> = new Set(['moderator', 'admin']);

/**
 * Timed comments on tracks, in threads one level deep. A comment exists
 * for a viewer only on a track they may see; the track's owner's blocks
 * keep the blocked user's comments off the owner's tracks (refused when
 * posting, hidden when listing), and the viewer's own blocks hide the
 * blocked users' comments from them.
 */
export class CommentsService {
  private readonly repo: CommentsRepo;

  constructor(private readonly deps: CommentsDeps) {
    this.repo = new CommentsRepo(deps.db);
  }

  async post(principal: Principal, trackId: string, input: NewComment): Promise<Comment> {
    const track = await this.deps.tracks.visibleTrack(trackId, principal);
    const problems: FieldError[] = [];
    const body = checkedBody(input.body, problems);
    const parentId = input.parentId ?? null;
    if (parentId !== null && input.atMs !== undefined)
      problems.push({ path: 'body/atMs', message: "A reply takes its parent's position; leave atMs out." });
    if (input.atMs !== undefined && track.duration_ms !== null && input.atMs > track.duration_ms)
      problems.push({ path: 'body/atMs', message: `The track is ${track.duration_ms} ms long.` });
    if (problems.length > 0) throw new Validation(problems);
    if (track.status !== 'ready') throw new TrackNotOpenForComments();
    if (track.owner_id !== principal.userId && (await this.deps.social.isBlocked(track.owner_id, principal.userId)))
      throw new BlockedByOwner();

    const parent = parentId === null ? undefined : await this.repo.byId(parentId);
    if (parentId !== null && (!parent || parent.track_id !== trackId || parent.deleted_at)) throw new CommentNotFound();
    if (parent?.parent_id) throw new ReplyToReply();

    const row = await this.deps.db
      .transaction()
      .execute(async (trx) => {
        const inserted = await new CommentsRepo(trx).insert({
          trackId,
          authorId: principal.userId,
          parentId,
          body,
          atMs: input.atMs ?? null,
          now: this.deps.clock.now(),
        });
        await this.deps.tracks.adjustEngagement(trackId, 'comments', 1, trx);
        await this.deps.events.publish(trx, 'comment.posted', {
          commentId: inserted.id,
          trackId,
          trackOwnerId: track.owner_id,
          authorId: principal.userId,
          parentId,
          parentAuthorId: parent?.author_id ?? null,
        });
        return inserted;
      })
      .catch((err: unknown) => {
        // The parent (or the track) was deleted between the checks and the insert.
        if (isForeignKeyViolation(err)) throw parentId === null ? new TrackNotFound() : new CommentNotFound();
        throw err;
      });
    return this.present([row]).then(([comment]) => comment!);
  }

  /** A page of top-level comments, newest first, each with its first replies (oldest first). */
  async list(viewer: Viewer, trackId: string, opts: { cursor?: string; limit?: number }): Promise<CommentList> {
    const track = await this.deps.tracks.visibleTrack(trackId, viewer);
    const hidden = await this.hiddenAuthors(track, viewer);
    const request = pageRequest(opts);
    const { rows, nextCursor } = pageOf(await this.repo.topPage(trackId, hidden, request), request.limit, (r) => ({
      at: r.created_at,
      id: r.id,
    }));
    const [replies, total] = await Promise.all([
      this.repo.replies(
        rows.map((r) => r.id),
        hidden,
        REPLIES_SHOWN,
      ),
      this.repo.count(trackId, hidden),
    ]);
    const presented = await this.present([...rows, ...replies]);
    const byId = new Map(presented.map((c) => [c.id, c]));
    const repliesOf = new Map<string, ReplyRow[]>();
    for (const reply of replies) repliesOf.set(reply.parent_id!, [...(repliesOf.get(reply.parent_id!) ?? []), reply]);
    const items: CommentThread[] = rows.map((row) => {
      const own = repliesOf.get(row.id) ?? [];
      const last = own.at(-1);
      const replyCount = own[0]?.reply_count ?? 0;
      return {
        ...byId.get(row.id)!,
        replies: own.map((r) => byId.get(r.id)!),
        replyCount,
        repliesCursor: last && replyCount > own.length ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    });
    return { items, total, nextCursor };
  }

  /** A thread's replies past the first ones `list` shows, oldest first, as the viewer is shown them. */
  async replies(viewer: Viewer, commentId: string, opts: { cursor?: string; limit?: number }): Promise<CommentReplies> {
    const parent = await this.repo.byId(commentId);
    if (!parent || parent.parent_id !== null) throw new CommentNotFound();
    const track = await this.trackOf(parent, viewer);
    const hidden = await this.hiddenAuthors(track, viewer);
    if (!parent.deleted_at && hidden.includes(parent.author_id)) throw new CommentNotFound();
    const request = pageRequest(opts);
    const { rows, nextCursor } = pageOf(
      await this.repo.repliesPage(commentId, hidden, request),
      request.limit,
      (r) => ({
        at: r.created_at,
        id: r.id,
      }),
    );
    return { items: await this.present(rows), nextCursor };
  }

  /**
   * What the waveform draws: the newest positioned top-level comments (at
   * most MARKERS_MAX), in track order.
   */
  async markers(viewer: Viewer, trackId: string): Promise<CommentMarkers> {
    const track = await this.deps.tracks.visibleTrack(trackId, viewer);
    const rows = await this.repo.markers(trackId, await this.hiddenAuthors(track, viewer), MARKERS_MAX);
    const authors = await this.authors(rows);
    const items = rows
      .flatMap((row) => {
        const author = authors.get(row.author_id);
        return author && row.at_ms !== null
          ? [{ id: row.id, atMs: row.at_ms, excerpt: excerpt(row.body), author }]
          : [];
      })
      .sort((a, b) => a.atMs - b.atMs);
    return { items };
  }

  async edit(principal: Principal, commentId: string, input: CommentEdit): Promise<Comment> {
    const { comment } = await this.visibleComment(principal, commentId);
    if (comment.author_id !== principal.userId) throw new NotCommentAuthor();
    const problems: FieldError[] = [];
    const body = checkedBody(input.body, problems);
    if (problems.length > 0) throw new Validation(problems);
    const row = await this.repo.editBody(commentId, body, this.deps.clock.now());
    if (!row) throw new CommentNotFound();
    return this.present([row]).then(([c]) => c!);
  }

  /**
   * Deletes a comment: its author, the track's owner, moderators and admins
   * may. One with replies stays as a placeholder (no body, no author) so the
   * thread keeps its start; the placeholder goes with its last reply.
   */
  async delete(principal: Principal, commentId: string): Promise<void> {
    const { comment, track } = await this.visibleComment(principal, commentId);
    const allowed =
      comment.author_id === principal.userId ||
      track.owner_id === principal.userId ||
      MODERATING_ROLES.has(principal.role);
    if (!allowed) throw new CommentDeleteForbidden();
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new CommentsRepo(trx);
      // Locked so that a reply posted meanwhile (its key check waits on this
      // lock) is either counted here or refused as a reply to a gone comment.
      const row = await repo.byId(commentId, { lock: true });
      if (!row || row.deleted_at) throw new CommentNotFound();
      const parent = row.parent_id ? await repo.byId(row.parent_id, { lock: true }) : undefined;
      if (await repo.hasReplies(row.id)) await repo.markDeleted(row.id, now);
      else await repo.remove(row.id);
      // A placeholder was already counted out when it was deleted.
      if (parent?.deleted_at && !(await repo.hasReplies(parent.id))) await repo.remove(parent.id);
      await this.deps.tracks.adjustEngagement(row.track_id, 'comments', -1, trx);
    });
  }

  /** A live comment on a track the caller may see; anything else is COMMENT_NOT_FOUND. */
  private async visibleComment(
    principal: Principal,
    commentId: string,
  ): Promise<{ comment: CommentRow; track: TrackWithArtist }> {
    const comment = await this.repo.byId(commentId);
    if (!comment || comment.deleted_at) throw new CommentNotFound();
    return { comment, track: await this.trackOf(comment, principal) };
  }

  /** The comment's track, if the viewer may see it; else the comment is COMMENT_NOT_FOUND. */
  private trackOf(comment: CommentRow, viewer: Viewer): Promise<TrackWithArtist> {
    return this.deps.tracks.visibleTrack(comment.track_id, viewer).catch((err: unknown) => {
      throw err instanceof TrackNotFound ? new CommentNotFound() : err;
    });
  }

  /** Whose comments this viewer is not shown: those the track's owner blocked, and those the viewer blocked. */
  private async hiddenAuthors(track: TrackWithArtist, viewer: Viewer): Promise<string[]> {
    const [byOwner, byViewer] = await Promise.all([
      this.deps.social.blockedBy(track.owner_id),
      viewer && viewer.userId !== track.owner_id ? this.deps.social.blockedBy(viewer.userId) : [],
    ]);
    return [...new Set([...byOwner, ...byViewer])];
  }

  private async authors(rows: readonly CommentRow[]): Promise<Map<string, CommentAuthor>> {
    const profiles = await this.deps.users.publicProfiles([...new Set(rows.map((r) => r.author_id))]);
    return new Map([...profiles].map(([id, p]) => [id, authorOf(p)]));
  }

  private async present(rows: readonly CommentRow[]): Promise<Comment[]> {
    const authors = await this.authors(rows.filter((r) => !r.deleted_at));
    return rows.map((row) => ({
      id: row.id,
      trackId: row.track_id,
      parentId: row.parent_id,
      body: row.deleted_at ? '' : row.body,
      atMs: row.at_ms,
      author: row.deleted_at ? null : (authors.get(row.author_id) ?? null),
      deleted: row.deleted_at !== null,
      createdAt: row.created_at.toISOString(),
      editedAt: row.edited_at?.toISOString() ?? null,
    }));
  }
}

/** The body as stored: trimmed, 1 to 2,000 characters (code points, as Postgres counts them). NUL is refused by the platform. */
function checkedBody(raw: string, problems: FieldError[]): string {
  const body = raw.trim();
  const length = [...body].length;
  if (length === 0) problems.push({ path: 'body/body', message: 'Write something first.' });
  else if (length > COMMENT_BODY_MAX)
    problems.push({ path: 'body/body', message: `At most ${COMMENT_BODY_MAX} characters (this one has ${length}).` });
  return body;
}

function excerpt(body: string): string {
  const chars = [...body];
  return chars.length <= MARKER_EXCERPT ? body : `${chars.slice(0, MARKER_EXCERPT - 1).join('')}…`;
}

function authorOf(p: PublicProfile): CommentAuthor {
  return { id: p.id, username: p.username, displayName: p.displayName, avatarUrl: p.avatarUrl };
}

function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23503';
}
