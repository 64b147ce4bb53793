import { useInfiniteQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import { feedKeys } from './feed.keys';

const PAGE_SIZE = 20;

/** The signed-in listener's feed, page by page (keyset cursor). */
export function useFeed() {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: feedKeys.pages(),
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/feed', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
