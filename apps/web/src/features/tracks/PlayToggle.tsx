import type { Track } from '@/api';
import { Icon, usePlayer, usePlayerState, type PlayableTrack } from '@/features/player';

interface PlayToggleProps {
  track: Track;
  /** What plays after it (the list it sits in). */
  queue?: readonly PlayableTrack[];
  size?: 'sm' | 'lg';
  className?: string;
}

/** Play this track, or pause/resume it when it is the one playing. */
export function PlayToggle({ track, queue, size = 'sm', className = '' }: PlayToggleProps) {
  const player = usePlayer();
  const status = usePlayerState((s) => (s.current?.id === track.id ? s.status : null));
  const playing = status === 'playing' || status === 'loading';
  return (
    <button
      type="button"
      className={`track-play-toggle track-play-toggle-${size} ${playing ? 'playing' : ''} ${className}`}
      aria-label={`${playing ? 'Pause' : 'Play'} ${track.title}`}
      onClick={() => (status ? player.toggle() : player.play(track, queue))}
    >
      <Icon name={playing ? 'pause' : 'play'} size={size === 'lg' ? 30 : 18} />
    </button>
  );
}
