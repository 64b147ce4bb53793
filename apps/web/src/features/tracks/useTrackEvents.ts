import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi, type StreamState } from '@/api';
import { MY_TRACKS_KEY, patchMyTrack, trackKey } from './tracks.cache';
import { followTrackEvents, type TrackProgress } from './track-events';

/**
 * Keeps "My tracks" live from the processing event stream while mounted.
 * Returns the stream's state, so the page can poll instead while it is not
 * open.
 */
export function useTrackEvents(): StreamState {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    const controller = new AbortController();
    const onProgress = (event: TrackProgress) => {
      const known = patchMyTrack(queryClient, event.trackId, (track) => ({
        ...track,
        status: event.status,
        progress: event.progress,
        statusMessage: event.statusMessage,
      }));
      // Ready brings what the event does not carry (duration, cover, loudness); an unknown id is a new upload.
      if (!known || event.status !== 'processing') void queryClient.invalidateQueries({ queryKey: MY_TRACKS_KEY });
      if (event.status !== 'processing') void queryClient.invalidateQueries({ queryKey: trackKey(event.trackId) });
    };
    const onState = (next: StreamState) => {
      setState(next);
      // Events are not replayed: whatever happened while disconnected is read from the list again.
      if (next === 'open') void queryClient.invalidateQueries({ queryKey: MY_TRACKS_KEY });
    };
    void followTrackEvents({ api, onProgress, onState, signal: controller.signal });
    return () => controller.abort();
  }, [api, queryClient]);

  return state;
}
