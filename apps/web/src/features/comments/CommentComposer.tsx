import { useState } from 'react';
import { usePlayerState } from '@/features/player';
import { formatDuration } from '@/ui';
import { CommentForm } from './CommentForm';
import { usePostComment } from './comments.hooks';

interface CommentComposerProps {
  trackId: string;
  durationMs: number | null;
}

/**
 * The box for a new top-level comment. While this track plays (or is
 * paused part-way), the comment is pinned to the moment the listener
 * started typing, shown as "at 1:23" with a checkbox to leave it out.
 */
export function CommentComposer({ trackId, durationMs }: CommentComposerProps) {
  const post = usePostComment(trackId);
  // Whole seconds: the composer redraws once a second while playing, not on every tick.
  const liveAt = usePlayerState((s) =>
    s.current?.id === trackId && (s.status === 'playing' || s.status === 'paused') && s.positionMs > 0
      ? Math.floor(s.positionMs / 1000) * 1000
      : null,
  );
  const [frozenAt, setFrozenAt] = useState<number | null>(null);
  const [typing, setTyping] = useState(false);
  const [pinned, setPinned] = useState(true);
  const at = clamp(typing ? frozenAt : liveAt, durationMs);

  function onTextChange(body: string) {
    if (body !== '' && !typing) setFrozenAt(liveAt);
    setTyping(body !== '');
  }

  return (
    <CommentForm
      label="Write a comment"
      placeholder="Write a comment…"
      submitLabel="Post"
      onTextChange={onTextChange}
      onSubmit={(body) => post.mutateAsync({ body, ...(at !== null && pinned ? { atMs: at } : {}) })}
      extra={
        at !== null && (
          <label className="comment-form-at">
            <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
            at {formatDuration(at)}
          </label>
        )
      }
    />
  );
}

function clamp(at: number | null, durationMs: number | null): number | null {
  if (at === null) return null;
  return durationMs ? Math.min(at, durationMs) : at;
}
