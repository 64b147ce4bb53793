import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import { useToast } from '@/ui';
import { playlistKeys } from './playlists.keys';
import type { Playlist } from './playlists.types';
import { reason } from './playlist-errors';

export interface Engagement {
  liked: boolean;
  reposted: boolean;
}

/** Whether the signed-in user liked and reposted this playlist (off for others: they have no buttons). */
export function usePlaylistRelations(id: string, enabled: boolean) {
  const { client } = useApi();
  return useQuery({
    queryKey: playlistKeys.relations(id),
    enabled,
    queryFn: async (): Promise<Engagement> => {
      const answer = await unwrap(client.GET('/api/v1/me/relations', { params: { query: { playlists: [id] } } }));
      const tie = answer.playlists.find((p) => p.id === id);
      return { liked: tie?.liked ?? false, reposted: tie?.reposted ?? false };
    },
  });
}

type Kind = 'like' | 'repost';
const FLAG = { like: 'liked', repost: 'reposted' } as const;
const COUNT = { like: 'likeCount', repost: 'repostCount' } as const;

/**
 * Like or repost at once: the button and the count change before the
 * server answers, and go back with a toast saying why when it refuses.
 */
export function useToggleEngagement(playlist: Playlist, kind: Kind) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const notify = useToast();
  const relKey = playlistKeys.relations(playlist.id);
  const detailKey = playlistKeys.detail(playlist.id);
  return useMutation({
    mutationFn: async (on: boolean) => {
      const params = { params: { path: { id: playlist.id } } };
      const path = kind === 'like' ? '/api/v1/playlists/{id}/like' : '/api/v1/playlists/{id}/repost';
      const answer = await unwrap(on ? client.PUT(path, params) : client.DELETE(path, params));
      return 'likeCount' in answer ? answer.likeCount : answer.repostCount;
    },
    onMutate: async (on) => {
      await Promise.all([
        queryClient.cancelQueries({ queryKey: relKey }),
        queryClient.cancelQueries({ queryKey: detailKey }),
      ]);
      const relations = queryClient.getQueryData<Engagement>(relKey);
      const detail = queryClient.getQueryData<Playlist>(detailKey);
      queryClient.setQueryData<Engagement>(relKey, (r) => ({ liked: false, reposted: false, ...r, [FLAG[kind]]: on }));
      if (detail && (relations?.[FLAG[kind]] ?? false) !== on) {
        const count = Math.max(0, detail[COUNT[kind]] + (on ? 1 : -1));
        queryClient.setQueryData<Playlist>(detailKey, { ...detail, [COUNT[kind]]: count });
      }
      return { relations, detail };
    },
    onError: (error, on, context) => {
      queryClient.setQueryData(relKey, context?.relations);
      if (context?.detail) queryClient.setQueryData(detailKey, context.detail);
      const what = kind === 'like' ? (on ? 'like' : 'unlike') : on ? 'repost' : 'undo the repost of';
      notify(`Could not ${what} this playlist: ${reason(error)}`, 'error');
    },
    onSuccess: (count) => {
      queryClient.setQueryData<Playlist>(detailKey, (p) => (p ? { ...p, [COUNT[kind]]: count } : p));
    },
  });
}
