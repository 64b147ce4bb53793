import { Link, useLocation } from 'react-router';
import { describeError } from '@/api';
import { useAuth } from '@/features/auth';
import { Alert, Button, Spinner } from '@/ui';
import { CommentComposer } from './CommentComposer';
import { CommentItem, type CommentViewer } from './CommentItem';
import { useComments } from './comments.hooks';
import './comments.css';

interface TrackCommentsProps {
  track: { id: string; durationMs: number | null; artist: { id: string } };
  /** Plays the track from a comment's position. */
  onSeek: (ms: number) => void;
}

/** The comments section of a track page: the box to write one, then the threads, newest first. */
export function TrackComments({ track, onSeek }: TrackCommentsProps) {
  const { user, status } = useAuth();
  const { pathname } = useLocation();
  const comments = useComments(track.id);
  const viewer: CommentViewer = {
    userId: user?.id ?? null,
    moderates: user !== null && (user.id === track.artist.id || user.role === 'moderator' || user.role === 'admin'),
  };
  const threads = comments.data?.pages.flatMap((p) => p.items) ?? [];
  const total = comments.data?.pages[0]?.total;
  const moreError = comments.isFetchNextPageError ? describeError(comments.error, []).formError : null;

  return (
    <section className="comment-section" aria-labelledby="comments-title">
      <h2 id="comments-title" className="comment-section-title">
        Comments
        {total ? (
          <>
            {' '}
            <span className="comment-count">{total.toLocaleString('en')}</span>
          </>
        ) : null}
      </h2>

      {user ? (
        <CommentComposer trackId={track.id} durationMs={track.durationMs} />
      ) : (
        status === 'signedOut' && (
          <p className="comment-signin">
            <Link to={`/login?next=${encodeURIComponent(pathname)}`}>Log in</Link> to join the conversation.
          </p>
        )
      )}

      {comments.isPending ? (
        <Spinner label="Loading comments…" />
      ) : comments.isError ? (
        <Alert tone="error" title="We couldn't load the comments">
          {describeError(comments.error, []).formError}{' '}
          <Button variant="secondary" size="sm" onClick={() => void comments.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : threads.length === 0 ? (
        <div className="comment-empty">
          <p className="comment-empty-title">No comments yet</p>
          <p className="muted">
            {user ? 'Be the first to say something about this track.' : 'Log in to leave the first one.'}
          </p>
        </div>
      ) : (
        <>
          <ol className="comment-list" aria-label="Comments">
            {threads.map((thread) => (
              <CommentItem key={thread.id} comment={thread} trackId={track.id} viewer={viewer} onSeek={onSeek} />
            ))}
          </ol>
          {comments.hasNextPage && (
            <Button
              variant="secondary"
              size="sm"
              className="comment-load-more"
              pending={comments.isFetchingNextPage}
              pendingLabel="Loading…"
              onClick={() => void comments.fetchNextPage()}
            >
              Show older comments
            </Button>
          )}
          {moreError && (
            <p className="comment-form-error" role="alert">
              {moreError}
            </p>
          )}
        </>
      )}
    </section>
  );
}
