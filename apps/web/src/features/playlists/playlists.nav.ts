import type { NavEntry } from '@/ui';

export const playlistsNav: NavEntry[] = [
  { id: 'playlists', label: 'Playlists', to: '/me/playlists', place: 'header', order: 15, signedIn: true },
  // The header hides its links on narrow phones; the account menu keeps them in reach.
  { id: 'playlists', label: 'Playlists', to: '/me/playlists', place: 'account', order: 18, signedIn: true },
];
