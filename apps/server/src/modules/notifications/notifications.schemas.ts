import { Type, type Static } from '@sinclair/typebox';

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const NotificationActor = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: nullable(Type.String()),
  avatarUrl: nullable(Type.String()),
});
export type NotificationActor = Static<typeof NotificationActor>;

export const NotificationTarget = Type.Object({
  type: Type.Union([Type.Literal('user'), Type.Literal('track'), Type.Literal('playlist')]),
  id: Type.String({ format: 'uuid' }),
  /** Null when you may no longer see it (made private, deleted): nothing of it is told. */
  title: nullable(Type.String()),
  available: Type.Boolean(),
});
export type NotificationTarget = Static<typeof NotificationTarget>;

export const Notification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([
    Type.Literal('follow'),
    Type.Literal('like'),
    Type.Literal('repost'),
    Type.Literal('comment'),
    Type.Literal('reply'),
  ]),
  read: Type.Boolean(),
  /** The group's latest action. */
  at: Type.String({ format: 'date-time' }),
  /** The newest few who acted, newest first ("A, B and 3 others"). */
  actors: Type.Array(NotificationActor),
  actorCount: Type.Integer({ minimum: 1 }),
  target: NotificationTarget,
});
export type Notification = Static<typeof Notification>;

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' })),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
export type UnreadCount = Static<typeof UnreadCount>;

export const MarkRead = Type.Object(
  {
    until: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'Mark read only the groups whose latest action is at or before this time (the newest `at` you showed); all when absent.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MarkRead = Static<typeof MarkRead>;
