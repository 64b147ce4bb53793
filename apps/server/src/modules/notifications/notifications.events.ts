/** Live pushes of the notifications module (see platform/events/bus.ts). */
export type NotificationsLiveEvents = {
  /** A user's unread count changed (a new action, or something was marked read): open pages update their badge. */
  'notifications.unread': { userId: string; unread: number };
};

declare module '@/platform/events/bus' {
  interface LiveEvents extends NotificationsLiveEvents {}
}
