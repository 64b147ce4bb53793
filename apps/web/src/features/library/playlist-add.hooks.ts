import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import type { paths } from '@/api/schema';
import { patchEverywhere, refusalReason } from '@/features/social';
import { useToast } from '@/ui';
import { libraryKeys } from './library.keys';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
export type PlaylistSummary = JsonOf<paths['/api/v1/me/playlists']['get']['responses'][200]>['items'][number];
type PlaylistList = JsonOf<paths['/api/v1/me/playlists']['get']['responses'][200]>;
type PlaylistDetail = JsonOf<paths['/api/v1/playlists/{id}/tracks']['post']['responses'][200]>;

export interface AddedTrack {
  id: string;
  title: string;
}

/** Moves a playlist's track count wherever a summary of it is cached (the menu, the library, a profile). */
function shiftItemCount(queryClient: QueryClient, playlistId: string, delta: number): void {
  patchEverywhere(queryClient, (obj) =>
    obj.id === playlistId && typeof obj.itemCount === 'number'
      ? { ...obj, itemCount: Math.max(0, obj.itemCount + delta) }
      : null,
  );
}

/** The item the add created: the last one holding the track (adds go to the end). */
function addedItemId(playlist: PlaylistDetail, trackId: string): string | null {
  const mine = playlist.items.filter((item) => item.available && item.track.id === trackId);
  return mine.reduce<(typeof mine)[number] | null>((a, b) => (!a || b.position > a.position ? b : a), null)?.id ?? null;
}

/**
 * Adds a track to a playlist: its count moves at once, a refusal puts it
 * back with the reason, and success offers "Undo", which removes the very
 * item that was added (the same track may be in a playlist twice).
 */
export function useAddToPlaylist() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const notify = useToast();

  const undo = useMutation({
    mutationFn: ({ playlist, itemId }: { playlist: PlaylistSummary; itemId: string; track: AddedTrack }) =>
      unwrap(
        client.DELETE('/api/v1/playlists/{id}/tracks/{itemId}', { params: { path: { id: playlist.id, itemId } } }),
      ),
    onMutate: ({ playlist }) => shiftItemCount(queryClient, playlist.id, -1),
    onError: (error, { playlist, track }) => {
      shiftItemCount(queryClient, playlist.id, 1);
      notify(`Couldn't remove “${track.title}” from “${playlist.title}”: ${refusalReason(error)}`, 'error');
    },
    onSuccess: (_answer, { playlist, track }) => {
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes(playlist.id) });
      notify(`Removed “${track.title}” from “${playlist.title}”.`, 'info');
    },
  });

  return useMutation({
    mutationFn: ({ playlist, track }: { playlist: PlaylistSummary; track: AddedTrack }) =>
      unwrap(
        client.POST('/api/v1/playlists/{id}/tracks', {
          params: { path: { id: playlist.id } },
          body: { trackIds: [track.id] },
        }),
      ),
    onMutate: async ({ playlist }) => {
      await queryClient.cancelQueries({ queryKey: libraryKeys.playlists() });
      shiftItemCount(queryClient, playlist.id, 1);
    },
    onError: (error, { playlist, track }) => {
      shiftItemCount(queryClient, playlist.id, -1);
      notify(`Couldn't add “${track.title}” to “${playlist.title}”: ${refusalReason(error)}`, 'error');
    },
    onSuccess: (answer, { playlist, track }) => {
      patchEverywhere(queryClient, (obj) =>
        obj.id === playlist.id && typeof obj.itemCount === 'number'
          ? { ...obj, itemCount: answer.itemCount, version: answer.version }
          : null,
      );
      // A page showing this playlist's tracks (its own feature's query) picks up the new item.
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes(playlist.id) });
      const itemId = addedItemId(answer, track.id);
      notify(`Added “${track.title}” to “${playlist.title}”.`, 'success', {
        action: itemId ? { label: 'Undo', perform: () => undo.mutate({ playlist, itemId, track }) } : undefined,
      });
    },
  });
}

/** Creates a private playlist and puts it at the top of the caller's list. */
export function useCreatePlaylist() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (title: string): Promise<PlaylistSummary> => {
      const created = await unwrap(client.POST('/api/v1/playlists', { body: { title, visibility: 'private' } }));
      // The summary a list shows: the answer without its items and roles.
      const { items, viewerRole, collaborators, ...summary } = created;
      return summary;
    },
    onSuccess: (summary) => {
      queryClient.setQueryData<PlaylistList>(libraryKeys.playlists(), (list) =>
        list ? { ...list, items: [summary, ...list.items.filter((p) => p.id !== summary.id)] } : list,
      );
    },
  });
}
