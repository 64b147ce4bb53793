import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '@/api';
import { Avatar, Button, formatDuration, spokenDuration, useToast } from '@/ui';
import { CommentForm } from './CommentForm';
import { useDeleteComment, useEditComment, useMoreReplies, usePostComment } from './comments.hooks';
import { fullDate, timeAgo } from './comments.time';
import type { Comment, CommentThread } from './comments.types';

export interface CommentViewer {
  userId: string | null;
  /** The track's owner, moderators and admins delete any comment. */
  moderates: boolean;
}

interface CommentItemProps {
  comment: Comment | CommentThread;
  trackId: string;
  viewer: CommentViewer;
  onSeek: (ms: number) => void;
}

/** One comment with its actions; a top-level one also holds its replies and the reply box. */
export function CommentItem({ comment, trackId, viewer, onSeek }: CommentItemProps) {
  const [mode, setMode] = useState<'read' | 'edit' | 'confirm-delete'>('read');
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const edit = useEditComment(trackId);
  const remove = useDeleteComment(trackId);
  const reply = usePostComment(trackId);
  const toast = useToast();
  const [moreAsked, setMoreAsked] = useState(false);
  const more = useMoreReplies(trackId, 'replies' in comment ? comment : null, moreAsked);

  const own = viewer.userId !== null && comment.author?.id === viewer.userId;
  const canDelete = !comment.deleted && (own || viewer.moderates);
  const isThread = 'replies' in comment;
  const name = comment.author ? (comment.author.displayName ?? comment.author.username) : 'Deleted comment';

  // Awaited rather than mutate()'s callbacks: those are dropped when the
  // refetched list no longer holds this comment and it unmounts first.
  async function confirmDelete() {
    try {
      await remove.mutateAsync(comment.id);
      toast('Comment deleted.');
    } catch (err) {
      setMode('read');
      toast(describeError(err, []).formError ?? "We couldn't delete the comment.", 'error');
    }
  }

  return (
    <li className={comment.parentId ? 'comment comment-reply' : 'comment'}>
      <article className="comment-card" aria-label={comment.deleted ? 'Deleted comment' : `Comment by ${name}`}>
        {comment.author ? (
          <Avatar name={name} src={comment.author.avatarUrl} size={comment.parentId ? 28 : 36} decorative />
        ) : (
          <span className="comment-avatar-gone" aria-hidden="true" />
        )}
        <div className="comment-main">
          <p className="comment-meta">
            {comment.author && (
              <Link className="comment-author" to={`/u/${comment.author.username}`}>
                {name}
              </Link>
            )}
            {comment.atMs !== null && (
              <button
                type="button"
                className="comment-at"
                onClick={() => onSeek(comment.atMs ?? 0)}
                aria-label={`Play from ${spokenDuration(comment.atMs)}`}
              >
                at {formatDuration(comment.atMs)}
              </button>
            )}
            <time className="comment-when" dateTime={comment.createdAt} title={fullDate(comment.createdAt)}>
              {timeAgo(comment.createdAt)}
            </time>
            {comment.editedAt && (
              <span className="comment-edited" title={`Edited ${fullDate(comment.editedAt)}`}>
                · edited
              </span>
            )}
          </p>

          {comment.deleted ? (
            <p className="comment-body comment-body-gone">This comment was deleted.</p>
          ) : mode === 'edit' ? (
            <CommentForm
              label="Edit your comment"
              submitLabel="Save"
              initial={comment.body}
              autoFocus
              onSubmit={(body) => edit.mutateAsync({ id: comment.id, body }).then(() => setMode('read'))}
              onCancel={() => setMode('read')}
            />
          ) : (
            <p className="comment-body">{comment.body}</p>
          )}

          {mode === 'confirm-delete' ? (
            <div className="comment-confirm" role="group" aria-label="Confirm deletion">
              <span>Delete this comment{isThread && comment.replyCount > 0 ? '? Its replies stay.' : '?'}</span>
              <Button
                variant="danger"
                size="sm"
                autoFocus
                pending={remove.isPending}
                pendingLabel="Deleting…"
                onClick={() => void confirmDelete()}
              >
                Delete
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setMode('read')}>
                Keep it
              </Button>
            </div>
          ) : (
            mode === 'read' &&
            !comment.deleted && (
              <div className="comment-actions">
                {isThread && viewer.userId !== null && (
                  <button
                    ref={replyButton}
                    type="button"
                    className="comment-action"
                    aria-expanded={replying}
                    onClick={() => setReplying((r) => !r)}
                  >
                    Reply
                  </button>
                )}
                {own && (
                  <button type="button" className="comment-action" onClick={() => setMode('edit')}>
                    Edit
                  </button>
                )}
                {canDelete && (
                  <button
                    type="button"
                    className="comment-action comment-action-danger"
                    onClick={() => setMode('confirm-delete')}
                  >
                    Delete
                  </button>
                )}
              </div>
            )
          )}

          {isThread && (comment.replies.length > 0 || replying) && (
            <ol className="comment-replies" aria-label={`Replies to ${name}`}>
              {[...comment.replies, ...(more.data?.pages.flatMap((p) => p.items) ?? [])].map((r) => (
                <CommentItem key={r.id} comment={r} trackId={trackId} viewer={viewer} onSeek={onSeek} />
              ))}
            </ol>
          )}
          {isThread && comment.repliesCursor && (!moreAsked || more.hasNextPage || more.isError) && (
            <div className="comment-more-replies">
              <Button
                variant="ghost"
                size="sm"
                pending={more.isFetching}
                pendingLabel="Loading replies…"
                onClick={() => (moreAsked ? void more.fetchNextPage() : setMoreAsked(true))}
              >
                {moreAsked ? 'Show more replies' : `Show ${comment.replyCount - comment.replies.length} more replies`}
              </Button>
              {more.isError && (
                <span role="alert">{describeError(more.error, []).formError ?? "The replies didn't load."}</span>
              )}
            </div>
          )}
          {isThread && replying && (
            <div className="comment-reply-box">
              <CommentForm
                label={`Reply to ${name}`}
                placeholder={`Reply to ${name}…`}
                submitLabel="Reply"
                autoFocus
                onSubmit={(body) =>
                  reply.mutateAsync({ body, parentId: comment.id }).then(() => {
                    setReplying(false);
                    replyButton.current?.focus();
                  })
                }
                onCancel={() => {
                  setReplying(false);
                  replyButton.current?.focus();
                }}
              />
            </div>
          )}
        </div>
      </article>
    </li>
  );
}
