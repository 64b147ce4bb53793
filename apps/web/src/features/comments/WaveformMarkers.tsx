import { useRef, useState, type KeyboardEvent } from 'react';
import { Avatar, formatDuration, spokenDuration } from '@/ui';
import { useCommentMarkers } from './comments.hooks';
import type { CommentMarker } from './comments.types';
import './comments.css';

interface WaveformMarkersProps {
  trackId: string;
  durationMs: number;
  onSeek: (ms: number) => void;
}

/**
 * The positioned comments as small avatars along the waveform, each where
 * it points in the track; hovering or focusing one shows who said what,
 * clicking plays from there. One tab stop for the whole strip: the arrow
 * keys move between markers (there may be hundreds).
 */
export function WaveformMarkers({ trackId, durationMs, onSeek }: WaveformMarkersProps) {
  const markers = useCommentMarkers(trackId);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const items = markers.data?.items ?? [];
  if (durationMs <= 0 || items.length === 0) return null;
  const current = Math.min(active, items.length - 1);

  function move(event: KeyboardEvent, index: number) {
    const next = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const clamped = Math.min(items.length - 1, Math.max(0, next));
    setActive(clamped);
    buttons.current[clamped]?.focus();
  }

  return (
    <div className="comment-markers" role="group" aria-label={`Comments on the waveform (${items.length})`}>
      {items.map((marker, i) => (
        <button
          key={marker.id}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          className="comment-marker"
          style={{ left: `${Math.min(100, (marker.atMs / durationMs) * 100)}%` }}
          tabIndex={i === current ? 0 : -1}
          aria-label={`${authorName(marker)} at ${spokenDuration(marker.atMs)}: ${marker.excerpt}. Play from here.`}
          onFocus={() => setActive(i)}
          onKeyDown={(e) => move(e, i)}
          onClick={() => onSeek(marker.atMs)}
        >
          <Avatar name={authorName(marker)} src={marker.author.avatarUrl} size={22} decorative />
          <span className="comment-marker-tip" aria-hidden="true">
            <span className="comment-marker-tip-head">
              {authorName(marker)} <span className="comment-marker-tip-at">{formatDuration(marker.atMs)}</span>
            </span>
            <span className="comment-marker-tip-text">{marker.excerpt}</span>
          </span>
        </button>
      ))}
    </div>
  );
}

function authorName(marker: CommentMarker): string {
  return marker.author.displayName ?? marker.author.username;
}
