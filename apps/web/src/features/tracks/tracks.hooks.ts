import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, useApi, type TrackDetail } from '@/api';
import { usePlayer } from '@/features/player';
import { useToast } from '@/ui';
import { trackKeys } from './tracks.keys';
import { MY_TRACKS_KEY, anyProcessing, asListItem, patchMyTrack, removeMyTrack, trackKey } from './tracks.cache';

const PAGE_SIZE = 20;
export const POLL_MS = 3000;

/** The signed-in artist's tracks, page by page; polled while some are processing when `poll` is on. */
export function useMyTracks({ poll }: { poll: boolean }) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: MY_TRACKS_KEY,
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/me/tracks', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (poll && anyProcessing(query.state.data) ? POLL_MS : false),
  });
}

/** The newest public tracks, for the home page. */
export function useLatestTracks(limit: number) {
  const { client } = useApi();
  return useQuery({
    queryKey: trackKeys.latest(limit),
    queryFn: () => unwrap(client.GET('/api/v1/tracks', { params: { query: { limit } } })),
  });
}

export function useTrack(id: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: trackKey(id),
    queryFn: () => unwrap(client.GET('/api/v1/tracks/{id}', { params: { path: { id } } })),
    // Only its artist sees a track before it is ready: keep their page up to date until it is.
    refetchInterval: (query) => (query.state.data?.status === 'processing' ? POLL_MS : false),
  });
}

/** Every answer that carries a track updates both caches and the player's copy (its title may have changed). */
function useStoreTrack() {
  const queryClient = useQueryClient();
  const player = usePlayer();
  return (track: TrackDetail) => {
    queryClient.setQueryData(trackKey(track.id), track);
    patchMyTrack(queryClient, track.id, () => asListItem(track));
    player.refreshTrack(track);
  };
}

export interface TrackChanges {
  title?: string;
  description?: string | null;
  genre?: string | null;
  tags?: string[];
  visibility?: TrackDetail['visibility'];
}

/** PATCHes a track and spreads the answer to the caches; for forms that run their own mutation (useApiForm). */
export function useTrackUpdater() {
  const { client } = useApi();
  const store = useStoreTrack();
  return async (id: string, changes: TrackChanges): Promise<TrackDetail> => {
    const track = await unwrap(client.PATCH('/api/v1/tracks/{id}', { params: { path: { id } }, body: changes }));
    store(track);
    return track;
  };
}

/** PUTs a new cover and spreads the answer to the caches; saved with the edit form's other fields. */
export function useCoverUploader() {
  const { client } = useApi();
  const store = useStoreTrack();
  return async (id: string, file: File): Promise<TrackDetail> => {
    const track = await unwrap(
      client.PUT('/api/v1/tracks/{id}/cover', {
        params: { path: { id } },
        // The typed body mirrors the spec (`file: string`, format binary); the wire gets the multipart form.
        body: { file: file as unknown as string },
        bodySerializer: () => {
          const form = new FormData();
          form.append('file', file);
          return form;
        },
      }),
    );
    store(track);
    return track;
  };
}

export function useRetryTrack() {
  const { client } = useApi();
  const store = useStoreTrack();
  return useMutation({
    mutationFn: (id: string) => unwrap(client.POST('/api/v1/tracks/{id}/retry', { params: { path: { id } } })),
    onSuccess: store,
  });
}

export function useDeleteTrack() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const player = usePlayer();
  const notify = useToast();
  return useMutation({
    mutationFn: (id: string) => unwrap(client.DELETE('/api/v1/tracks/{id}', { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      removeMyTrack(queryClient, id);
      // A deleted track's plays leave the totals with it.
      void queryClient.invalidateQueries({ queryKey: trackKeys.playStats() });
      if (player.forgetTrack(id)) notify('Playback stopped: the track you deleted was playing.', 'info');
    },
  });
}

/**
 * Saves the original upload. A plain link cannot send the bearer token, so
 * the app first asks for a download link that works without it for a few
 * minutes; the browser then downloads from it as from any link, straight to
 * disk with its own progress, and names the file from Content-Disposition.
 */
export function useDownloadOriginal() {
  const { client } = useApi();
  return useMutation({
    mutationFn: async ({ id }: { id: string }) => {
      const { url } = await unwrap(client.POST('/api/v1/tracks/{id}/original/link', { params: { path: { id } } }));
      const link = document.createElement('a');
      link.href = url;
      link.download = '';
      document.body.append(link);
      link.click();
      link.remove();
    },
  });
}

/** Refetched each time it is shown: the row counts beside it always are, and the two must agree. */
export function usePlayStats(days: number, { enabled }: { enabled: boolean }) {
  const { client } = useApi();
  return useQuery({
    queryKey: trackKeys.playStatsFor(days),
    queryFn: () => unwrap(client.GET('/api/v1/me/stats/plays', { params: { query: { days } } })),
    enabled,
  });
}
