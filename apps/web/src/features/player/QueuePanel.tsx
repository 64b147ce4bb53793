import { useEffect, useRef } from 'react';
import { Artwork, formatDuration } from '@/ui';
import { Icon } from './icons';
import { usePlayer, usePlayerState } from './player.context';

interface QueuePanelProps {
  id: string;
  onClose: () => void;
}

/** What plays next: click an entry to play it, remove the ones you want to skip. Escape closes. */
export function QueuePanel({ id, onClose }: QueuePanelProps) {
  const player = usePlayer();
  const queue = usePlayerState((s) => s.queue);
  const index = usePlayerState((s) => s.index);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div
      id={id}
      ref={ref}
      className="player-queue-panel"
      role="dialog"
      aria-label="Queue"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="player-queue-head">
        <h2>Queue</h2>
        <span className="muted">
          {queue.length} {queue.length === 1 ? 'track' : 'tracks'}
        </span>
        <button type="button" className="player-icon-button" aria-label="Close queue" onClick={onClose}>
          <Icon name="close" size={18} />
        </button>
      </div>
      <ol className="player-queue-list">
        {queue.map((track, i) => (
          <li key={track.id} className={i === index ? 'player-queue-item current' : 'player-queue-item'}>
            <button
              type="button"
              className="player-queue-play"
              aria-current={i === index ? 'true' : undefined}
              onClick={() => player.playAt(i)}
            >
              <Artwork src={track.coverUrl} size={36} />
              <span className="player-queue-text">
                <span className="player-queue-title">{track.title}</span>
                <span className="player-queue-artist">{track.artist.displayName ?? track.artist.username}</span>
              </span>
              <span className="player-queue-duration">{formatDuration(track.durationMs)}</span>
            </button>
            {i !== index && (
              <button
                type="button"
                className="player-icon-button"
                aria-label={`Remove ${track.title} from the queue`}
                onClick={() => player.removeFromQueue(i)}
              >
                <Icon name="close" size={16} />
              </button>
            )}
          </li>
        ))}
      </ol>
      <p className="player-queue-hint">
        Keys: <kbd>Space</kbd> play/pause, <kbd>←</kbd> <kbd>→</kbd> seek 5 s, <kbd>Shift</kbd>+<kbd>←</kbd>{' '}
        <kbd>→</kbd> previous/next.
      </p>
    </div>
  );
}
