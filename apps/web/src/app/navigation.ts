import { discoverNav } from '@/features/discover';
import { homeNav } from '@/features/home';
import { profileNav } from '@/features/profile';
import { settingsNav } from '@/features/settings';
import { tracksNav } from '@/features/tracks';
import { uploadNav } from '@/features/upload';
import type { NavEntry } from '@/ui';

/** Every feature's navigation entries, as router.tsx collects their routes. */
export const navigation: NavEntry[] = [
  ...homeNav,
  ...discoverNav,
  ...settingsNav,
  ...profileNav,
  ...tracksNav,
  ...uploadNav,
];
