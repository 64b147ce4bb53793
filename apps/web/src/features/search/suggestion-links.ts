import type { Suggestion } from './search.types';

/** Where a suggestion leads, and how it reads (name, then what it is). */
export function describeSuggestion(item: Suggestion): { to: string; title: string; detail: string } {
  switch (item.kind) {
    case 'track':
      return {
        to: `/tracks/${item.track.id}`,
        title: item.track.title,
        detail: `Track · ${item.track.artist.displayName ?? item.track.artist.username}`,
      };
    case 'user':
      return {
        to: `/u/${encodeURIComponent(item.user.username)}`,
        title: item.user.displayName ?? item.user.username,
        detail: `Profile · @${item.user.username}`,
      };
    case 'playlist':
      return {
        to: `/playlists/${item.playlist.id}`,
        title: item.playlist.title,
        detail: `Playlist · ${item.playlist.owner.displayName ?? item.playlist.owner.username}`,
      };
  }
}

export function searchPageUrl(q: string): string {
  return `/search?q=${encodeURIComponent(q.trim())}`;
}
