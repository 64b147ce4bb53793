import type { PrefsStorage } from './player.prefs';
import type { PlayableTrack } from './player.store';

/** What a reload brings back: the queue, which entry, and where in it. */
export interface SavedPlayback {
  queue: PlayableTrack[];
  index: number;
  positionMs: number;
}

const KEY = 'veza:player:queue';
/** A long queue is cut, not refused: the entries around the current one are what matter. */
const MAX_SAVED = 200;

export function loadPlayback(storage: PrefsStorage | undefined): SavedPlayback | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const saved = raw as Partial<Record<keyof SavedPlayback, unknown>>;
  if (!Array.isArray(saved.queue)) return null;
  // Written by an older or hand-edited app: drop entries that are not tracks rather than crash the player.
  const queue = saved.queue.filter(isPlayable);
  const index = typeof saved.index === 'number' ? saved.index : -1;
  if (queue.length !== saved.queue.length || !queue[index]) return null;
  const positionMs = typeof saved.positionMs === 'number' && saved.positionMs > 0 ? saved.positionMs : 0;
  return { queue, index, positionMs };
}

export function savePlayback(storage: PrefsStorage | undefined, playback: SavedPlayback | null): void {
  try {
    if (!playback || playback.index < 0) {
      storage?.setItem(KEY, 'null');
      return;
    }
    const start = Math.max(0, Math.min(playback.index - MAX_SAVED / 2, playback.queue.length - MAX_SAVED));
    const queue = playback.queue.slice(start, start + MAX_SAVED).map(playable);
    storage?.setItem(
      KEY,
      JSON.stringify({ queue, index: playback.index - start, positionMs: Math.round(playback.positionMs) }),
    );
  } catch {
    // Full or forbidden storage: the queue just won't outlive the tab.
  }
}

/** Only what the player uses: a list's track carries more than needs saving. */
function playable(t: PlayableTrack): PlayableTrack {
  return {
    id: t.id,
    title: t.title,
    artist: { id: t.artist.id, username: t.artist.username, displayName: t.artist.displayName },
    coverUrl: t.coverUrl,
    durationMs: t.durationMs,
    loudnessLufs: t.loudnessLufs,
    status: t.status,
  };
}

function isPlayable(value: unknown): value is PlayableTrack {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  const artist = t.artist as Record<string, unknown> | null | undefined;
  return (
    typeof t.id === 'string' &&
    typeof t.title === 'string' &&
    typeof artist === 'object' &&
    artist !== null &&
    typeof artist.id === 'string' &&
    typeof artist.username === 'string'
  );
}
