import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import { commentKeys } from './comments.keys';

const PAGE_SIZE = 20;

/** A track's comments, newest first, page by page. */
export function useComments(trackId: string) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: commentKeys.list(trackId),
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/tracks/{id}/comments', {
          params: { path: { id: trackId }, query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

const REPLIES_PAGE_SIZE = 50;

/**
 * A long thread's replies past those the list holds, from the thread's
 * `repliesCursor`, fetched once the listener asks (`enabled`).
 */
export function useMoreReplies(
  trackId: string,
  thread: { id: string; repliesCursor: string | null } | null,
  enabled: boolean,
) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: commentKeys.replies(trackId, thread?.id ?? ''),
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/comments/{id}/replies', {
          params: { path: { id: thread!.id }, query: { limit: REPLIES_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: thread?.repliesCursor ?? '',
    getNextPageParam: (last) => last.nextCursor,
    enabled: enabled && thread?.repliesCursor != null,
  });
}

/** The positioned comments the waveform shows. */
export function useCommentMarkers(trackId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: commentKeys.markers(trackId),
    queryFn: () => unwrap(client.GET('/api/v1/tracks/{id}/comments/markers', { params: { path: { id: trackId } } })),
  });
}

/** After any change the list and the markers are fetched again: both may move (new, edited, placeholder). */
function useRefresh(trackId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: commentKeys.track(trackId) });
}

export interface NewCommentInput {
  body: string;
  atMs?: number;
  parentId?: string;
}

export function usePostComment(trackId: string) {
  const { client } = useApi();
  const refresh = useRefresh(trackId);
  return useMutation({
    mutationFn: (input: NewCommentInput) =>
      unwrap(client.POST('/api/v1/tracks/{id}/comments', { params: { path: { id: trackId } }, body: input })),
    onSuccess: refresh,
  });
}

export function useEditComment(trackId: string) {
  const { client } = useApi();
  const refresh = useRefresh(trackId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      unwrap(client.PATCH('/api/v1/comments/{id}', { params: { path: { id } }, body: { body } })),
    onSuccess: refresh,
  });
}

export function useDeleteComment(trackId: string) {
  const { client } = useApi();
  const refresh = useRefresh(trackId);
  return useMutation({
    mutationFn: (id: string) => unwrap(client.DELETE('/api/v1/comments/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}
