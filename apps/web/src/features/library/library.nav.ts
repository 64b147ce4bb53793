import type { NavEntry } from '@/ui';

export const libraryNav: NavEntry[] = [
  { id: 'library', label: 'Library', to: '/library', place: 'header', order: 10, signedIn: true },
];
