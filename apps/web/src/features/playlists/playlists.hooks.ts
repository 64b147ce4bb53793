import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, unwrap, useApi } from '@/api';
import { useAuth } from '@/features/auth';
import { useToast } from '@/ui';
import { ifMatch, moveItem, removeItem, withItems } from './playlist-order';
import { playlistKeys } from './playlists.keys';
import type { Playlist, PlaylistVisibility } from './playlists.types';
import { reason } from './playlist-errors';

const PAGE_SIZE = 20;

/**
 * A playlist as the viewer may see it. Asked only once the session is known
 * (a reload restores it first): asked anonymously, a private playlist would
 * be "not found" and its owner would get no editing controls.
 */
export function usePlaylist(id: string) {
  const { client } = useApi();
  const { status } = useAuth();
  return useQuery({
    queryKey: playlistKeys.detail(id),
    enabled: status !== 'unknown',
    queryFn: () => unwrap(client.GET('/api/v1/playlists/{id}', { params: { path: { id } } })),
  });
}

/** The playlists the signed-in user owns or collaborates on, page by page. */
export function useMyPlaylists() {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: playlistKeys.mine(),
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/me/playlists', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export interface PlaylistFields {
  title: string;
  description: string | null;
  visibility: PlaylistVisibility;
}

export function useCreatePlaylist() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: PlaylistFields) => unwrap(client.POST('/api/v1/playlists', { body: fields })),
    onSuccess: (playlist) => {
      queryClient.setQueryData(playlistKeys.detail(playlist.id), playlist);
      void queryClient.invalidateQueries({ queryKey: playlistKeys.mine() });
    },
  });
}

/** Every answer that carries the playlist replaces the cached one (its version moved). */
function useStorePlaylist() {
  const queryClient = useQueryClient();
  return (playlist: Playlist) => {
    queryClient.setQueryData(playlistKeys.detail(playlist.id), playlist);
    void queryClient.invalidateQueries({ queryKey: playlistKeys.mine() });
  };
}

/**
 * An edit of the items shown at once: the cache takes the new order before
 * the server answers, and goes back, with a toast saying why, when it
 * refuses (412: someone else changed the playlist; the page reloads it).
 * Edits of one playlist go to the server one after another (one mutation
 * scope), each sent with the version the previous answer left in the cache:
 * two quick moves are two changes, not a change and a stale refusal.
 */
function useOptimisticItems<V>(
  playlist: Playlist,
  send: (vars: V, current: Playlist) => Promise<Playlist>,
  apply: (items: Playlist['items'], vars: V) => Playlist['items'],
  failure: string,
) {
  const queryClient = useQueryClient();
  const notify = useToast();
  const store = useStorePlaylist();
  const key = playlistKeys.detail(playlist.id);
  return useMutation({
    scope: { id: `playlist-items:${playlist.id}` },
    mutationFn: (vars: V) => send(vars, queryClient.getQueryData<Playlist>(key) ?? playlist),
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Playlist>(key);
      if (before) queryClient.setQueryData(key, withItems(before, apply(before.items, vars)));
      return { before };
    },
    onError: (error, _vars, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      const stale = error instanceof ApiError && error.status === 412;
      notify(
        stale
          ? `${failure}: the playlist changed meanwhile. It has been reloaded; try again.`
          : `${failure}: ${reason(error)}`,
        'error',
      );
      if (stale) void queryClient.invalidateQueries({ queryKey: key });
    },
    onSuccess: store,
  });
}

export function useMovePlaylistItem(playlist: Playlist) {
  const { client } = useApi();
  return useOptimisticItems(
    playlist,
    ({ itemId, position }: { itemId: string; position: number }, current) =>
      unwrap(
        client.PUT('/api/v1/playlists/{id}/tracks/{itemId}/position', {
          params: { path: { id: playlist.id, itemId }, header: ifMatch(current) },
          body: { position },
        }),
      ),
    (items, { itemId, position }) => moveItem(items, itemId, position),
    'Could not move the track',
  );
}

export function useRemovePlaylistItem(playlist: Playlist) {
  const { client } = useApi();
  return useOptimisticItems(
    playlist,
    (itemId: string, current) =>
      unwrap(
        client.DELETE('/api/v1/playlists/{id}/tracks/{itemId}', {
          params: { path: { id: playlist.id, itemId }, header: ifMatch(current) },
        }),
      ),
    (items, itemId) => removeItem(items, itemId),
    'Could not remove the track',
  );
}

export function useUpdatePlaylist(playlist: Playlist) {
  const { client } = useApi();
  const store = useStorePlaylist();
  return useMutation({
    mutationFn: (changes: Partial<PlaylistFields>) =>
      unwrap(
        client.PATCH('/api/v1/playlists/{id}', {
          params: { path: { id: playlist.id }, header: ifMatch(playlist) },
          body: changes,
        }),
      ),
    onSuccess: store,
  });
}

export function useDeletePlaylist(playlist: Playlist) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        client.DELETE('/api/v1/playlists/{id}', {
          params: { path: { id: playlist.id }, header: ifMatch(playlist) },
        }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: playlistKeys.detail(playlist.id) });
      void queryClient.invalidateQueries({ queryKey: playlistKeys.mine() });
    },
  });
}

export function useDuplicatePlaylist(playlist: Playlist) {
  const { client } = useApi();
  const store = useStorePlaylist();
  return useMutation({
    mutationFn: () =>
      unwrap(client.POST('/api/v1/playlists/{id}/duplicate', { params: { path: { id: playlist.id } } })),
    onSuccess: store,
  });
}

export function useCollaborators(playlist: Playlist) {
  const { client } = useApi();
  const store = useStorePlaylist();
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: (username: string) =>
      unwrap(
        client.POST('/api/v1/playlists/{id}/collaborators', {
          params: { path: { id: playlist.id }, header: ifMatch(playlist) },
          body: { username },
        }),
      ),
    onSuccess: store,
  });
  const remove = useMutation({
    mutationFn: (username: string) =>
      unwrap(
        client.DELETE('/api/v1/playlists/{id}/collaborators/{username}', {
          params: { path: { id: playlist.id, username }, header: ifMatch(playlist) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: playlistKeys.detail(playlist.id) }),
  });
  return { invite, remove };
}

/** PUTs the owner's own cover (or DELETEs it: the mosaic shows again). */
export function usePlaylistCover(playlist: Playlist) {
  const { client } = useApi();
  const store = useStorePlaylist();
  const upload = useMutation({
    mutationFn: (file: File) =>
      unwrap(
        client.PUT('/api/v1/playlists/{id}/cover', {
          params: { path: { id: playlist.id }, header: ifMatch(playlist) },
          // The typed body mirrors the spec (`file: string`, format binary); the wire gets the multipart form.
          body: { file: file as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file);
            return form;
          },
        }),
      ),
    onSuccess: store,
  });
  const reset = useMutation({
    mutationFn: () =>
      unwrap(
        client.DELETE('/api/v1/playlists/{id}/cover', {
          params: { path: { id: playlist.id }, header: ifMatch(playlist) },
        }),
      ),
    onSuccess: store,
  });
  return { upload, reset };
}
