import type { NavEntry } from '@/ui';

export const uploadNav: NavEntry[] = [
  // Listeners see it too: the page explains how to become an artist.
  { id: 'upload', label: 'Upload', to: '/upload', place: 'header', order: 30, signedIn: true },
  { id: 'upload', label: 'Upload', to: '/upload', place: 'account', order: 30, roles: ['artist', 'admin'] },
];
