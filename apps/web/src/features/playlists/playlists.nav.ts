import type { NavEntry } from '@/ui';

export const playlistsNav: NavEntry[] = [
  // Not in the header: the library's Playlists tab leads there, and the header stays short enough for the search box.
  { id: 'playlists', label: 'Playlists', to: '/me/playlists', place: 'account', order: 18, signedIn: true },
];
