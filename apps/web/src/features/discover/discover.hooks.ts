import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import { discoverKeys } from './discover.keys';

const PAGE_SIZE = 20;

export function useDiscover() {
  const { client } = useApi();
  return useQuery({
    queryKey: discoverKeys.sections(),
    queryFn: ({ signal }) => unwrap(client.GET('/api/v1/discover', { signal })),
  });
}

export function useGenreTracks(genre: string) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: discoverKeys.genre(genre),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET('/api/v1/discover/genres/{genre}', {
          params: { path: { genre }, query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
