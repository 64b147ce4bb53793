import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PlayerState, PlayerStore } from './player.store';

export const PlayerContext = createContext<PlayerStore | null>(null);

/** The player's commands (play, toggle, seek…); stable for the whole session. */
export function usePlayer(): PlayerStore {
  const player = useContext(PlayerContext);
  if (!player) throw new Error('usePlayer() needs a <PlayerProvider>');
  return player;
}

/**
 * A slice of the player's state. Return a primitive or an object the state
 * already holds: the component re-renders only when it changes, so a page
 * watching `current?.id` is not redrawn four times a second by the clock.
 */
export function usePlayerState<T>(select: (state: PlayerState) => T): T {
  const player = usePlayer();
  return useSyncExternalStore(player.subscribe, () => select(player.getState()));
}
