import type { PlayerState, PlayerStore } from './player.store';
import { SEEK_STEP_MS } from './player.commands';

/**
 * The OS media controls (lock screen, media keys, headset buttons) through
 * the Media Session API. Returns a function that syncs them with the state,
 * and one that removes the handlers. A no-op where the API is missing.
 */
export function connectMediaSession(player: PlayerStore): { sync: (state: PlayerState) => void; dispose: () => void } {
  const session = typeof navigator === 'undefined' ? undefined : navigator.mediaSession;
  if (!session) return { sync: () => undefined, dispose: () => undefined };

  const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
    ['play', () => player.resume()],
    ['pause', () => player.pause()],
    ['previoustrack', () => player.previous()],
    ['nexttrack', () => player.next()],
    ['seekbackward', (d) => player.seekBy(-(d.seekOffset ?? SEEK_STEP_MS / 1000) * 1000)],
    ['seekforward', (d) => player.seekBy((d.seekOffset ?? SEEK_STEP_MS / 1000) * 1000)],
    ['seekto', (d) => d.seekTime !== undefined && player.seek(d.seekTime * 1000)],
  ];
  for (const [action, handler] of handlers) setHandler(session, action, handler);

  let shownId: string | null = null;
  // The OS extrapolates the position itself; it is told again only when that guess goes wrong (seek, pause, stall).
  let synced = { at: 0, positionMs: 0, playing: false, durationMs: 0 };
  const drifted = (state: PlayerState) => {
    const playing = state.status === 'playing';
    const expected = synced.positionMs + (synced.playing ? performance.now() - synced.at : 0);
    return (
      playing !== synced.playing ||
      state.durationMs !== synced.durationMs ||
      Math.abs(state.positionMs - expected) > 1000
    );
  };
  return {
    sync(state) {
      const track = state.current;
      if (track?.id !== shownId) {
        shownId = track?.id ?? null;
        session.metadata = track
          ? new MediaMetadata({
              title: track.title,
              artist: track.artist.displayName ?? track.artist.username,
              album: 'Veza',
              artwork: track.coverUrl
                ? [{ src: new URL(track.coverUrl, location.href).href, sizes: '300x300', type: 'image/jpeg' }]
                : [],
            })
          : null;
      }
      session.playbackState = state.status === 'playing' ? 'playing' : track ? 'paused' : 'none';
      const duration = state.durationMs / 1000;
      if (track && duration > 0 && 'setPositionState' in session && drifted(state)) {
        synced = {
          at: performance.now(),
          positionMs: state.positionMs,
          playing: state.status === 'playing',
          durationMs: state.durationMs,
        };
        try {
          session.setPositionState({
            duration,
            position: Math.min(duration, state.positionMs / 1000),
            playbackRate: 1,
          });
        } catch {
          // A position past a just-shortened duration throws; the next update is consistent again.
        }
      }
    },
    dispose() {
      for (const [action] of handlers) setHandler(session, action, null);
      session.metadata = null;
      session.playbackState = 'none';
    },
  };
}

/** Browsers throw for actions they do not support; those simply stay unhandled. */
function setHandler(session: MediaSession, action: MediaSessionAction, handler: MediaSessionActionHandler | null) {
  try {
    session.setActionHandler(action, handler);
  } catch {
    // unsupported action
  }
}
