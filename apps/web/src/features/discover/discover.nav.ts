import type { NavEntry } from '@/ui';

export const discoverNav: NavEntry[] = [
  { id: 'discover', label: 'Discover', to: '/discover', place: 'header', order: 5 },
];
