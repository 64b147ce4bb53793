import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { unwrap, useApi } from '@/api';
import { notificationKeys } from './notifications.keys';
import { followUnreadCount } from './unread-events';

const PAGE_SIZE = 20;

export function useNotifications() {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: notificationKeys.list(),
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/me/notifications', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The unread count as last heard (the bell keeps it live). */
export function useUnreadCount(): number {
  const { client } = useApi();
  const count = useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async () => (await unwrap(client.GET('/api/v1/me/notifications/unread-count'))).unread,
  });
  return count.data ?? 0;
}

/**
 * Keeps the unread count live from the event stream while mounted (the
 * bell is, on every page of a signed-in user). A count that grows brings
 * the list up to date too.
 */
export function useLiveUnreadCount(): number {
  const api = useApi();
  const queryClient = useQueryClient();
  const unread = useUnreadCount();

  useEffect(() => {
    const controller = new AbortController();
    void followUnreadCount({
      api,
      signal: controller.signal,
      onUnread: (next) => {
        const before = queryClient.getQueryData<number>(notificationKeys.unread());
        queryClient.setQueryData(notificationKeys.unread(), next);
        if (before === undefined || next > before) {
          void queryClient.invalidateQueries({ queryKey: notificationKeys.list() });
        }
      },
    });
    return () => controller.abort();
  }, [api, queryClient]);

  return unread;
}

/** Marks read everything up to the newest notification shown (all when none is). */
export function useMarkRead() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (until: string | undefined) =>
      unwrap(client.POST('/api/v1/me/notifications/read', { body: until ? { until } : {} })),
    onSuccess: ({ unread }) => {
      queryClient.setQueryData(notificationKeys.unread(), unread);
      void queryClient.invalidateQueries({ queryKey: notificationKeys.list() });
    },
  });
}
