import type { NavEntry } from '@/ui';

export const settingsNav: NavEntry[] = [
  { id: 'settings', label: 'Settings', to: '/settings', place: 'account', order: 10, signedIn: true },
];
