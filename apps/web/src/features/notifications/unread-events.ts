import type { Api } from '@/api';
import { readEventStream } from '@/features/tracks';

const PATH = '/api/v1/me/notifications/events';

interface Options {
  api: Api;
  onUnread: (unread: number) => void;
  signal: AbortSignal;
  /** Pause before reconnect attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
}

/** 1 s, 2 s, 4 s… up to 60 s, with jitter so tabs do not reconnect in step after a restart. */
function defaultBackoff(attempt: number): number {
  const base = Math.min(60_000, 1000 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * Follows the live unread count (Server-Sent Events read with fetch, since
 * EventSource cannot send the bearer token). The server sends the count on
 * connecting, so a reconnect resyncs by itself. A 401 refreshes the session
 * once; a 404 or 405 means no such stream here, and it stops. Runs until
 * `signal` aborts.
 */
export async function followUnreadCount({ api, onUnread, signal, backoffMs = defaultBackoff }: Options) {
  let failures = 0;
  let refreshed = false;
  while (!signal.aborted) {
    try {
      const token = api.session.getAccessToken();
      const response = await api.fetch(
        new Request(`${api.baseUrl}${PATH}`, {
          headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          signal,
        }),
      );
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        await response.body?.cancel();
        if (await api.session.refresh()) continue;
      }
      if (response.status === 401 || response.status === 404 || response.status === 405) {
        await response.body?.cancel();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      failures = 0;
      refreshed = false;
      await readEventStream(response.body, (event) => {
        if (event.event !== 'unread') return;
        const unread = parseUnread(event.data);
        if (unread !== null) onUnread(unread);
      });
    } catch {
      if (signal.aborted) return;
    }
    await sleep(backoffMs(failures++), signal);
  }
}

function parseUnread(data: string): number | null {
  try {
    const value = (JSON.parse(data) as { unread?: unknown }).unread;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
  } catch {
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
