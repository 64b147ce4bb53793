import type { NavEntry } from '@/ui';

export const libraryNav: NavEntry[] = [
  { id: 'library', label: 'Library', to: '/library', place: 'header', order: 10, signedIn: true },
  // The header hides its links on narrow phones; the account menu still leads to the library.
  { id: 'library', label: 'Library', to: '/library', place: 'account', order: 12, signedIn: true },
];
