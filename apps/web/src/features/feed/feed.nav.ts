import type { NavEntry } from '@/ui';

export const feedNav: NavEntry[] = [
  { id: 'feed', label: 'Feed', to: '/feed', place: 'header', order: 5, signedIn: true },
];
