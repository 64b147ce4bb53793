import type { NavEntry } from '@/ui';

const ARTISTS = ['artist', 'admin'] as const;

export const tracksNav: NavEntry[] = [
  { id: 'my-tracks', label: 'My tracks', to: '/me/tracks', place: 'header', order: 20, roles: ARTISTS },
  // The header hides its links on narrow phones; artists still reach their tracks from the account menu.
  { id: 'my-tracks', label: 'My tracks', to: '/me/tracks', place: 'account', order: 20, roles: ARTISTS },
];
