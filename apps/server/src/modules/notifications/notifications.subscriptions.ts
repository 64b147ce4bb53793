import type { Subscriptions } from '@/platform/events/outbox';
import type { NotificationsService } from './notifications.service';
import '@/modules/social/social.events';
import '@/modules/social/comments.events';
import '@/modules/social/playlist-edges.events';

/**
 * The social actions that notify someone, each recorded in the delivery's
 * transaction (its receipt makes a redelivery a no-op). The social module
 * only publishes events; it never calls this module.
 */
export function notificationSubscriptions(notifications: NotificationsService): Subscriptions {
  return {
    'user.followed': ({ followerId, followeeId }, ctx) =>
      notifications.record(ctx, {
        recipientId: followeeId,
        actorId: followerId,
        kind: 'follow',
        targetType: 'user',
        targetId: followeeId,
      }),
    'track.liked': ({ trackId, userId, ownerId }, ctx) =>
      notifications.record(ctx, {
        recipientId: ownerId,
        actorId: userId,
        kind: 'like',
        targetType: 'track',
        targetId: trackId,
      }),
    'track.reposted': ({ trackId, userId, ownerId }, ctx) =>
      notifications.record(ctx, {
        recipientId: ownerId,
        actorId: userId,
        kind: 'repost',
        targetType: 'track',
        targetId: trackId,
      }),
    'playlist.liked': ({ playlistId, userId, ownerId }, ctx) =>
      notifications.record(ctx, {
        recipientId: ownerId,
        actorId: userId,
        kind: 'like',
        targetType: 'playlist',
        targetId: playlistId,
      }),
    'playlist.reposted': ({ playlistId, userId, ownerId }, ctx) =>
      notifications.record(ctx, {
        recipientId: ownerId,
        actorId: userId,
        kind: 'repost',
        targetType: 'playlist',
        targetId: playlistId,
      }),
    'comment.posted': async ({ trackId, trackOwnerId, authorId, parentAuthorId }, ctx) => {
      // A reply tells the parent's author; the track's owner hears of it as a comment, unless
      // they wrote the parent (one notification for one action).
      if (parentAuthorId) {
        await notifications.record(ctx, {
          recipientId: parentAuthorId,
          actorId: authorId,
          kind: 'reply',
          targetType: 'track',
          targetId: trackId,
        });
      }
      if (trackOwnerId !== parentAuthorId) {
        await notifications.record(ctx, {
          recipientId: trackOwnerId,
          actorId: authorId,
          kind: 'comment',
          targetType: 'track',
          targetId: trackId,
        });
      }
    },
  };
}
