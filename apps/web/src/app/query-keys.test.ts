import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { authKeys } from '@/features/auth';
import { feedKeys } from '@/features/feed';
import { notificationKeys } from '@/features/notifications';
import { libraryKeys } from '@/features/library';
import { profileKeys } from '@/features/profile';
import { socialKeys } from '@/features/social';
import { trackKeys } from '@/features/tracks';

describe('query keys', () => {
  it('each feature owns one root, so invalidating one feature never touches another', () => {
    const roots = [
      authKeys.all,
      profileKeys.all,
      trackKeys.all,
      feedKeys.all,
      notificationKeys.all,
      socialKeys.all,
      libraryKeys.all,
    ].map((k) => JSON.stringify(k));
    expect(new Set(roots).size).toBe(roots.length);
    for (const key of [authKeys.me(), authKeys.verifyEmail('t'), authKeys.resetCheck('t')]) {
      expect(key.slice(0, 1)).toEqual([...authKeys.all]);
    }
    for (const key of [trackKeys.mine(), trackKeys.latest(12), trackKeys.detail('x'), trackKeys.playStatsFor(30)]) {
      expect(key.slice(0, 1)).toEqual([...trackKeys.all]);
    }
  });

  it('a prefix invalidates every query under it and nothing else', async () => {
    const client = new QueryClient();
    const keys = [trackKeys.playStatsFor(7), trackKeys.playStatsFor(30), trackKeys.mine(), authKeys.me()];
    for (const key of keys) client.setQueryData(key, 1);

    await client.invalidateQueries({ queryKey: trackKeys.playStats() });

    const stale = keys.filter((key) => client.getQueryState(key)?.isInvalidated).map((k) => k.join('/'));
    expect(stale).toEqual(['tracks/play-stats/7', 'tracks/play-stats/30']);
  });
});
