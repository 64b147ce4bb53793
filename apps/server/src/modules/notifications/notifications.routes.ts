import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { EventBus, LiveEvents } from '@/platform/events/bus';
import { principalOf } from '@/platform/http/access';
import { eventStreams } from '@/platform/http/event-stream';
import { ListQuery } from '@/modules/tracks/tracks.schemas';
import { MarkRead, NotificationPage, UnreadCount } from './notifications.schemas';
import type { NotificationsService } from './notifications.service';

export function registerNotificationRoutes(
  root: FastifyInstance,
  { notifications, bus }: { notifications: NotificationsService; bus: Pick<EventBus<LiveEvents>, 'subscribe'> },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  const openStream = eventStreams(root);

  app.get(
    '/api/v1/me/notifications',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyNotifications',
        tags,
        summary: 'Your notifications, grouped ("A and 4 others liked …"), newest first',
        querystring: ListQuery,
        response: { 200: NotificationPage },
      },
    },
    (req) => notifications.list(principalOf(req), req.query),
  );

  app.get(
    '/api/v1/me/notifications/unread-count',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMyUnreadNotificationCount',
        tags,
        summary: 'How many of your notification groups are unread',
        response: { 200: UnreadCount },
      },
    },
    async (req) => ({ unread: await notifications.unreadCount(principalOf(req)) }),
  );

  app.post(
    '/api/v1/me/notifications/read',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'markMyNotificationsRead',
        tags,
        summary: 'Mark your notifications read: all, or those up to a time',
        body: MarkRead,
        response: { 200: UnreadCount },
      },
    },
    (req) => notifications.markRead(principalOf(req), req.body),
  );

  app.get(
    '/api/v1/me/notifications/events',
    {
      config: { access: 'user', quietLog: true },
      schema: {
        operationId: 'streamMyNotificationEvents',
        tags,
        summary: 'Your unread notification count, live (Server-Sent Events)',
        description:
          'A text/event-stream of `unread` events, data `{ unread }`: one at once on connecting, ' +
          'then one whenever the count changes, whichever server process caused it.',
        produces: ['text/event-stream'],
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Type.String({ description: 'An event stream' }) },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const stream = openStream(req, reply);
      const unsubscribe = await bus.subscribe('notifications.unread', ({ userId, unread }) => {
        if (userId === principal.userId) stream.send('unread', { unread });
      });
      stream.onClose(() => void unsubscribe());
      // Subscribed first, then read: a change in between is sent twice rather than missed.
      stream.send('unread', { unread: await notifications.unreadCount(principal) });
    },
  );
}
