import type { CSSProperties } from 'react';
import { Icon } from './icons';
import { usePlayer, usePlayerState } from './player.context';

/** Mute, volume and loudness normalisation: the listener's settings, kept across visits. */
export function VolumeControl() {
  const player = usePlayer();
  const volume = usePlayerState((s) => s.volume);
  const muted = usePlayerState((s) => s.muted);
  const normalize = usePlayerState((s) => s.normalize);
  const percent = Math.round((muted ? 0 : volume) * 100);
  return (
    <div className="player-volume">
      <button
        type="button"
        className={normalize ? 'player-pill on' : 'player-pill'}
        aria-pressed={normalize}
        title="Plays every track at a similar loudness (turns loud masters down, never boosts)"
        onClick={() => player.toggleNormalize()}
      >
        <Icon name="normalize" size={16} />
        <span>Normalize</span>
      </button>
      <button
        type="button"
        className="player-icon-button"
        aria-label={muted ? 'Unmute' : 'Mute'}
        onClick={() => player.toggleMute()}
      >
        <Icon name={muted || volume === 0 ? 'muted' : 'volume'} />
      </button>
      <input
        type="range"
        className="player-volume-range"
        min={0}
        max={100}
        step={1}
        value={percent}
        aria-label="Volume"
        aria-valuetext={`${percent}%`}
        style={{ '--fill': `${percent}%` } as CSSProperties}
        onChange={(e) => player.setVolume(Number(e.target.value) / 100)}
      />
    </div>
  );
}
