import { discoverNav } from '@/features/discover';
import { feedNav } from '@/features/feed';
import { homeNav } from '@/features/home';
import { notificationsNav } from '@/features/notifications';
import { libraryNav } from '@/features/library';
import { playlistsNav } from '@/features/playlists';
import { profileNav } from '@/features/profile';
import { settingsNav } from '@/features/settings';
import { tracksNav } from '@/features/tracks';
import { uploadNav } from '@/features/upload';
import type { NavEntry } from '@/ui';

/** Every feature's navigation entries, as router.tsx collects their routes. */
export const navigation: NavEntry[] = [
  ...homeNav,
  ...discoverNav,
  ...feedNav,
  ...notificationsNav,
  ...libraryNav,
  ...settingsNav,
  ...profileNav,
  ...tracksNav,
  ...uploadNav,
  ...playlistsNav,
];
