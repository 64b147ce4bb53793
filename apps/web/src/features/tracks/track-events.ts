import { followEventStream, type Api, type StreamState, type TrackStatus } from '@/api';

export interface TrackProgress {
  trackId: string;
  status: TrackStatus;
  progress: number;
  statusMessage: string | null;
}

interface Options {
  api: Api;
  onProgress: (progress: TrackProgress) => void;
  onState: (state: StreamState) => void;
  signal: AbortSignal;
}

/** Follows the artist's processing events, one `progress` event per change of a track. */
export function followTrackEvents({ api, onProgress, onState, signal }: Options): Promise<void> {
  return followEventStream({
    api,
    path: '/api/v1/me/tracks/events',
    event: 'progress',
    parse: parseProgress,
    onEvent: onProgress,
    onState,
    signal,
  });
}

/** A progress event's data, with a missing percent as 0 and a missing message as null; null when malformed. */
export function parseProgress(data: string): TrackProgress | null {
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
