import { useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { AddToPlaylistButton } from '@/features/library';
import { LikeButton } from '@/features/social';
import { Artwork, formatDuration } from '@/ui';
import { Icon } from './icons';
import { usePlayer, usePlayerState } from './player.context';
import { QueuePanel } from './QueuePanel';
import { Scrubber } from './Scrubber';
import { VolumeControl } from './VolumeControl';
import './player.css';

/** The bar along the bottom of every page once something plays. */
export function PlayerBar() {
  const current = usePlayerState((s) => s.current);
  if (!current) return null;
  return <Bar />;
}

function Bar() {
  const player = usePlayer();
  const state = usePlayerState((s) => s);
  const { pathname } = useLocation();
  // Open on the page it was opened on only: going elsewhere closes it, as it would any popover over the page.
  const [queueOpenAt, setQueueOpenAt] = useState<string | null>(null);
  const queueOpen = queueOpenAt === pathname;
  const queueId = useId();
  const queueButton = useRef<HTMLButtonElement>(null);
  const closeQueue = () => {
    setQueueOpenAt(null);
    queueButton.current?.focus();
  };
  const track = state.current!;
  const artist = track.artist.displayName ?? track.artist.username;
  const playing = state.status === 'playing' || state.status === 'loading';
  const busy = state.status === 'loading' || state.buffering;
  const duration = state.durationMs || track.durationMs || 0;

  return (
    <div className="player-bar">
      <div className="player-track">
        <Artwork src={track.coverUrl} size={48} className="player-cover" />
        <div className="player-titles">
          <Link to={`/tracks/${track.id}`} className="player-title">
            {track.title}
          </Link>
          {state.status === 'error' ? (
            <span className="player-error" role="alert">
              {state.error}
            </span>
          ) : state.notice ? (
            <span className="player-notice" role="status">
              {state.notice}
            </span>
          ) : (
            <Link to={`/u/${track.artist.username}`} className="player-artist">
              {artist}
            </Link>
          )}
        </div>
        <div className="player-track-actions">
          {/* Its name only: the player's copy of the track carries no counts that stay current. */}
          <LikeButton track={{ id: track.id, title: track.title }} />
          <AddToPlaylistButton track={track} align="start" className="player-add" />
        </div>
      </div>

      <div className="player-controls">
        <button
          type="button"
          className="player-icon-button"
          aria-label="Previous track"
          title="Previous (Shift+←)"
          onClick={() => player.previous()}
        >
          <Icon name="previous" />
        </button>
        <button
          type="button"
          className={busy ? 'player-play busy' : 'player-play'}
          aria-label={playing ? 'Pause' : 'Play'}
          aria-busy={busy || undefined}
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          onClick={() => player.toggle()}
        >
          <Icon name={playing ? 'pause' : 'play'} size={22} />
        </button>
        <button
          type="button"
          className="player-icon-button"
          aria-label="Next track"
          title="Next (Shift+→)"
          disabled={state.index >= state.queue.length - 1}
          onClick={() => player.next()}
        >
          <Icon name="next" />
        </button>
      </div>

      <div className="player-timeline">
        <span className="player-time player-time-current">{formatDuration(state.positionMs)}</span>
        <Scrubber
          label="Seek"
          className="player-scrubber"
          valueMs={state.positionMs}
          durationMs={duration}
          onSeek={(ms) => player.seek(ms)}
        >
          {(fraction) => (
            <span className="player-rail">
              <span className="player-rail-fill" style={{ width: `${fraction * 100}%` }} />
              <span className="player-rail-thumb" style={{ left: `${fraction * 100}%` }} />
            </span>
          )}
        </Scrubber>
        <span className="player-time player-time-total">{formatDuration(duration)}</span>
      </div>

      <div className="player-extras">
        <VolumeControl />
        <button
          ref={queueButton}
          type="button"
          className={queueOpen ? 'player-icon-button on' : 'player-icon-button'}
          aria-label="Queue"
          aria-expanded={queueOpen}
          aria-controls={queueOpen ? queueId : undefined}
          onClick={() => setQueueOpenAt(queueOpen ? null : pathname)}
        >
          <Icon name="queue" />
        </button>
        <button
          type="button"
          className="player-icon-button player-close"
          aria-label="Close player"
          onClick={() => player.close()}
        >
          <Icon name="close" size={18} />
        </button>
      </div>

      {queueOpen && <QueuePanel id={queueId} onClose={closeQueue} />}
    </div>
  );
}
