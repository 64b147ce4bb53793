import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { setCount, shiftFollowCounts, shiftCount } from './social.cache';
import { socialKeys } from './social.keys';

describe('patching counts in the cache', () => {
  it('moves a track’s count in every query that holds it, nested anywhere, and leaves the rest alone', () => {
    const client = new QueryClient();
    const other = { id: 'b', likeCount: 1 };
    const pages = { pages: [{ items: [{ id: 'a', likeCount: 3 }, other] }], pageParams: [null] };
    const history = { items: [{ id: 'h1', track: { id: 'a', likeCount: 3 } }] };
    const untouched = { items: [other] };
    client.setQueryData(['tracks', 'mine'], pages);
    client.setQueryData(['library', 'history'], history);
    client.setQueryData(['tracks', 'latest'], untouched);
    // The caller's flags share ids with tracks but are not counts.
    client.setQueryData(socialKeys.track('me', 'a'), { id: 'a', likeCount: 99 });

    shiftCount(client, 'a', 'likeCount', 1);

    expect(client.getQueryData<typeof pages>(['tracks', 'mine'])!.pages[0]!.items[0]!.likeCount).toBe(4);
    expect(client.getQueryData<typeof history>(['library', 'history'])!.items[0]!.track.likeCount).toBe(4);
    // Same references where nothing changed: no needless re-render.
    expect(client.getQueryData(['tracks', 'latest'])).toBe(untouched);
    expect(client.getQueryData<typeof pages>(['tracks', 'mine'])!.pages[0]!.items[1]).toBe(other);
    expect(client.getQueryData(socialKeys.track('me', 'a'))).toEqual({ id: 'a', likeCount: 99 });

    shiftCount(client, 'a', 'likeCount', -10);
    expect(client.getQueryData<typeof history>(['library', 'history'])!.items[0]!.track.likeCount).toBe(0);
    setCount(client, 'a', 'likeCount', 7);
    expect(client.getQueryData<typeof history>(['library', 'history'])!.items[0]!.track.likeCount).toBe(7);
  });

  it('moves the followed user’s followers and the follower’s following', () => {
    const client = new QueryClient();
    client.setQueryData(['profiles', 'grace'], { id: 'g', followerCount: 12, followingCount: 3 });
    client.setQueryData(['auth', 'me'], { id: 'me', followerCount: 0, followingCount: 5 });

    shiftFollowCounts(client, { userId: 'g', viewerId: 'me' }, 1);

    expect(client.getQueryData(['profiles', 'grace'])).toEqual({ id: 'g', followerCount: 13, followingCount: 3 });
    expect(client.getQueryData(['auth', 'me'])).toEqual({ id: 'me', followerCount: 0, followingCount: 6 });
  });
});
