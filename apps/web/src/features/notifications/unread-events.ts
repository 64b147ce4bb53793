import { followEventStream, jitteredBackoff, type Api } from '@/api';

interface Options {
  api: Api;
  onUnread: (unread: number) => void;
  signal: AbortSignal;
}

/**
 * Follows the live unread count. The server sends the count on connecting,
 * so a reconnect resyncs by itself. The bell is on every page, so after a
 * restart it backs off further (up to 60 s) than a page's own stream.
 */
export function followUnreadCount({ api, onUnread, signal }: Options): Promise<void> {
  return followEventStream({
    api,
    path: '/api/v1/me/notifications/events',
    event: 'unread',
    parse: parseUnread,
    onEvent: onUnread,
    signal,
    backoffMs: jitteredBackoff(60_000),
  });
}

/** `{"unread": n}` with n a whole number ≥ 0, else null. */
export function parseUnread(data: string): number | null {
  try {
    const value = (JSON.parse(data) as { unread?: unknown }).unread;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
  } catch {
    return null;
  }
}
