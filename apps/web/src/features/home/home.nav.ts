import type { NavEntry } from '@/ui';

export const homeNav: NavEntry[] = [{ id: 'home', label: 'Home', to: '/', place: 'header', order: 0 }];
