import { describe, expect, it } from 'vitest';
import { aMe } from '@/test/fake-api';
import { navEntriesFor } from '@/ui';
import { navigation } from './navigation';

const labels = (place: 'header' | 'account', user: ReturnType<typeof aMe> | null) =>
  navEntriesFor(navigation, place, user).map((e) => `${e.label} ${e.to}`);

describe('navigation, collected from the features', () => {
  it('gives each visitor the header entries their role allows, in order', () => {
    expect(labels('header', null)).toEqual(['Home /', 'Discover /discover']);
    expect(labels('header', aMe({ role: 'listener' }))).toEqual([
      'Home /',
      'Discover /discover',
      'Feed /feed',
      'Library /library',
      'Upload /upload',
    ]);
    expect(labels('header', aMe({ role: 'artist' }))).toEqual([
      'Home /',
      'Discover /discover',
      'Feed /feed',
      'Library /library',
      'My tracks /me/tracks',
      'Upload /upload',
    ]);
  });

  it('builds the account menu, with paths made from the user', () => {
    expect(labels('account', null)).toEqual([]);
    expect(labels('account', aMe({ role: 'listener', username: 'ada' }))).toEqual([
      'Settings /settings',
      'Notifications /notifications',
      'Library /library',
      'My profile /u/ada',
      'Playlists /me/playlists',
    ]);
    expect(labels('account', aMe({ role: 'admin', username: 'root' }))).toEqual([
      'Settings /settings',
      'Notifications /notifications',
      'Library /library',
      'My profile /u/root',
      'Playlists /me/playlists',
      'My tracks /me/tracks',
      'Upload /upload',
    ]);
  });
});
