import type { NavEntry } from '@/ui';

export const profileNav: NavEntry[] = [
  {
    id: 'profile',
    label: 'My profile',
    to: (user) => `/u/${encodeURIComponent(user.username)}`,
    place: 'account',
    order: 15,
    signedIn: true,
  },
];
