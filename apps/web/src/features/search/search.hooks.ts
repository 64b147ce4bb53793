import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import { searchKeys } from './search.keys';
import type { SearchQuery, SearchResults, SearchType } from './search.types';

/** Suggestions for what is typed so far; the previous list stays up while the next one loads. */
export function useSuggestions(q: string) {
  const { client } = useApi();
  const term = q.trim();
  return useQuery({
    queryKey: searchKeys.suggest(term),
    queryFn: ({ signal }) => unwrap(client.GET('/api/v1/search/suggest', { params: { query: { q: term } }, signal })),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The cursor of the one group a typed search pages through. */
function nextCursorOf(page: SearchResults, type: SearchType): string | null {
  if (type === 'all') return null;
  return page[type]?.nextCursor ?? null;
}

/**
 * Search results page by page. With type=all each group shows its first
 * page (a tab pages further); a typed search pages its group with "Load more".
 */
export function useSearchResults(query: SearchQuery) {
  const { client } = useApi();
  const type = query.type ?? 'all';
  return useInfiniteQuery({
    queryKey: searchKeys.results(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET('/api/v1/search', {
          params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => nextCursorOf(last, type),
    enabled: query.q.trim().length > 0,
  });
}
