import type { Api } from './client';
import { readEventStream } from './event-stream';

/** open: events flow. retrying: lost, reconnecting after a pause. unavailable: this server has no stream (or refuses). */
export type StreamState = 'connecting' | 'open' | 'retrying' | 'unavailable';

export interface FollowOptions<T> {
  api: Api;
  /** The stream's path under the API, e.g. '/api/v1/me/tracks/events'. */
  path: string;
  /** The one event name this follower wants; others on the stream are skipped. */
  event: string;
  /** The event's data as a value, or null to drop a malformed one. */
  parse: (data: string) => T | null;
  onEvent: (value: T) => void;
  onState?: (state: StreamState) => void;
  signal: AbortSignal;
  /** Pause before reconnect attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
}

/** 1 s, 2 s, 4 s… up to `capMs`, with jitter so many tabs do not reconnect in step after a restart. */
export function jitteredBackoff(capMs: number): (attempt: number) => number {
  return (attempt) => {
    const base = Math.min(capMs, 1000 * 2 ** attempt);
    return base / 2 + Math.random() * (base / 2);
  };
}

/**
 * Follows a Server-Sent Events stream, read with fetch since EventSource
 * cannot send the bearer token. A dropped stream is reopened with backoff
 * (events are not replayed: `onState('open')` is the cue to resync). A 401
 * refreshes the session once per connection; a second 401, a failed refresh,
 * or a 404/405 (no such stream here) ends it as 'unavailable'. Runs until
 * `signal` aborts.
 */
export async function followEventStream<T>({
  api,
  path,
  event,
  parse,
  onEvent,
  onState = () => {},
  signal,
  backoffMs = jitteredBackoff(30_000),
}: FollowOptions<T>): Promise<void> {
  let failures = 0;
  let refreshed = false;
  while (!signal.aborted) {
    onState(failures === 0 ? 'connecting' : 'retrying');
    try {
      const token = api.session.getAccessToken();
      const response = await api.fetch(
        new Request(`${api.baseUrl}${path}`, {
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
        onState('unavailable');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      failures = 0;
      refreshed = false;
      onState('open');
      await readEventStream(response.body, (received) => {
        if (received.event !== event) return;
        const value = parse(received.data);
        if (value !== null) onEvent(value);
      });
    } catch {
      if (signal.aborted) return;
    }
    // The stream ended or failed: wait, then reconnect.
    onState('retrying');
    await sleep(backoffMs(failures++), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
