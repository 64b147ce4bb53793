import type { NavEntry } from '@/ui';

// The bell in the header leads there too; the account menu names it in words.
export const notificationsNav: NavEntry[] = [
  { id: 'notifications', label: 'Notifications', to: '/notifications', place: 'account', order: 12, signedIn: true },
];
