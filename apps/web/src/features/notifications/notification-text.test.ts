import { describe, expect, it } from 'vitest';
import { notificationSentence } from './notification-text';
import type { Notification } from './notifications.types';

const actor = (username: string) => ({ id: username, username, displayName: null, avatarUrl: null });

function aNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'n1',
    kind: 'like',
    read: false,
    at: '2026-01-01T00:00:00Z',
    actors: [actor('ada')],
    actorCount: 1,
    target: { type: 'track', id: 't1', title: 'Night drive', available: true },
    ...overrides,
  };
}

describe('notificationSentence', () => {
  it('groups actors: "A", "A and B", "A and 4 others"', () => {
    expect(notificationSentence(aNotification())).toBe('ada liked Night drive');
    expect(notificationSentence(aNotification({ actors: [actor('ada'), actor('bo')], actorCount: 2 }))).toBe(
      'ada and bo liked Night drive',
    );
    expect(
      notificationSentence(aNotification({ actors: [actor('ada'), actor('bo'), actor('cy')], actorCount: 5 })),
    ).toBe('ada and 4 others liked Night drive');
    expect(notificationSentence(aNotification({ actors: [actor('ada'), actor('bo')], actorCount: 3 }))).toBe(
      'ada and 2 others liked Night drive',
    );
  });

  it('says what happened, per kind', () => {
    const follow = aNotification({ kind: 'follow', target: { type: 'user', id: 'me', title: null, available: true } });
    expect(notificationSentence(follow)).toBe('ada started following you');
    expect(notificationSentence(aNotification({ kind: 'repost' }))).toBe('ada reposted Night drive');
    expect(notificationSentence(aNotification({ kind: 'comment' }))).toBe('ada commented on Night drive');
    expect(notificationSentence(aNotification({ kind: 'reply' }))).toBe('ada replied to your comment on Night drive');
  });

  it('never names a target the recipient may no longer see', () => {
    const hidden = aNotification({ target: { type: 'track', id: 't1', title: null, available: false } });
    expect(notificationSentence(hidden)).toBe('ada liked a track you can no longer see');
    const playlist = aNotification({ target: { type: 'playlist', id: 'p1', title: null, available: false } });
    expect(notificationSentence(playlist)).toBe('ada liked a playlist you can no longer see');
  });
});
