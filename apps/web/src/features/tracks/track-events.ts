import type { Api, TrackStatus } from '@/api';
import { readEventStream } from './event-stream';

export interface TrackProgress {
  trackId: string;
  status: TrackStatus;
  progress: number;
  statusMessage: string | null;
}

/** open: events flow. retrying: lost, reconnecting after a pause. unavailable: this server has no stream (or refuses). */
export type StreamState = 'connecting' | 'open' | 'retrying' | 'unavailable';

interface Options {
  api: Api;
  onProgress: (progress: TrackProgress) => void;
  onState: (state: StreamState) => void;
  signal: AbortSignal;
  /** Pause before reconnect attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
}

const PATH = '/api/v1/me/tracks/events';

/** 1 s, 2 s, 4 s… up to 30 s, with jitter so many tabs do not reconnect in step after a restart. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/**
 * Follows the artist's processing events. EventSource cannot send the
 * bearer token, so this reads the stream with fetch. A dropped stream is
 * reopened with backoff; a 401 refreshes the session once per attempt;
 * 404/405 means the server has no such stream, and it stops trying.
 * Runs until `signal` aborts.
 */
export async function followTrackEvents({
  api,
  onProgress,
  onState,
  signal,
  backoffMs = defaultBackoff,
}: Options): Promise<void> {
  let failures = 0;
  let refreshed = false;
  while (!signal.aborted) {
    onState(failures === 0 ? 'connecting' : 'retrying');
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
      if (response.status === 404 || response.status === 405) {
        await response.body?.cancel();
        onState('unavailable');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      failures = 0;
      refreshed = false;
      onState('open');
      await readEventStream(response.body, (event) => {
        if (event.event !== 'progress') return;
        const progress = parseProgress(event.data);
        if (progress) onProgress(progress);
      });
    } catch {
      if (signal.aborted) return;
    }
    // The stream ended or failed: wait, then reconnect.
    onState('retrying');
    await sleep(backoffMs(failures++), signal);
  }
}

function parseProgress(data: string): TrackProgress | null {
  try {
    const value = JSON.parse(data) as Partial<TrackProgress>;
    if (typeof value.trackId !== 'string' || typeof value.status !== 'string') return null;
    return {
      trackId: value.trackId,
      status: value.status,
      progress: typeof value.progress === 'number' ? value.progress : 0,
      statusMessage: value.statusMessage ?? null,
    };
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
