import type { PlayableTrack } from '@/features/player';
import type { Playlist } from './playlists.types';

/**
 * What "Play" puts in the player's queue: the items the viewer may play, in
 * order. Unavailable ones (private, failed, deleted, not ready) are skipped;
 * the server never sent their titles to begin with.
 */
export function playableQueue(playlist: Pick<Playlist, 'items'>): PlayableTrack[] {
  return playlist.items.flatMap((item) => (item.available && item.track.status === 'ready' ? [item.track] : []));
}
