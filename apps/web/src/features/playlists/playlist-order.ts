import type { Playlist, PlaylistItem } from './playlists.types';

/** The items with one moved to `to` (clamped), positions renumbered as the server will. */
export function moveItem(items: readonly PlaylistItem[], itemId: string, to: number): PlaylistItem[] {
  const from = items.findIndex((item) => item.id === itemId);
  if (from < 0) return [...items];
  const rest = items.filter((item) => item.id !== itemId);
  const at = Math.max(0, Math.min(to, rest.length));
  return renumber([...rest.slice(0, at), items[from]!, ...rest.slice(at)]);
}

export function removeItem(items: readonly PlaylistItem[], itemId: string): PlaylistItem[] {
  return renumber(items.filter((item) => item.id !== itemId));
}

function renumber(items: PlaylistItem[]): PlaylistItem[] {
  return items.map((item, position) => (item.position === position ? item : { ...item, position }));
}

/** What an optimistic edit shows until the server answers: the same playlist with other items. */
export function withItems(playlist: Playlist, items: PlaylistItem[]): Playlist {
  return { ...playlist, items, itemCount: items.length };
}

/** `If-Match` for the version the page shows: the server answers 412 if someone changed it since. */
export const ifMatch = (playlist: Pick<Playlist, 'version'>) => ({ 'if-match': `"${playlist.version}"` });
