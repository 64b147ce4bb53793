import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import { useAuth } from '@/features/auth';
import { libraryKeys } from './library.keys';

const PAGE_SIZE = 20;
/** The add-to-playlist menu shows this many; more is rare and the library lists them all. */
export const MENU_PLAYLISTS = 100;

/** Playlists the caller owns or collaborates on, newest first: the ones they may add tracks to. */
export function useMyPlaylists({ enabled = true }: { enabled?: boolean } = {}) {
  const { client } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: libraryKeys.playlists(),
    queryFn: () => unwrap(client.GET('/api/v1/me/playlists', { params: { query: { limit: MENU_PLAYLISTS } } })),
    enabled: enabled && Boolean(user),
    // Adds keep it current (and take the server's counts); reopening the menu should not refetch
    // over an add still on its way.
    staleTime: 60_000,
  });
}

export function useMyLikes() {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: libraryKeys.likes(),
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/me/likes', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMyHistory() {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: libraryKeys.historyPages(),
    queryFn: ({ pageParam }) =>
      unwrap(
        client.GET('/api/v1/me/history', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The latest plays for the home page's shelf: each track once, most recent first. */
export function useRecentlyPlayed(limit: number) {
  const { client } = useApi();
  const { user } = useAuth();
  return useQuery({
    queryKey: libraryKeys.historyShelf(limit),
    // Asks for more than it shows: one track played five times in a row fills one card, not five.
    queryFn: () => unwrap(client.GET('/api/v1/me/history', { params: { query: { limit: Math.min(100, limit * 3) } } })),
    enabled: Boolean(user),
    select: (page) => {
      const seen = new Set<string>();
      return page.items
        .filter((entry) => !seen.has(entry.track.id) && seen.add(entry.track.id))
        .slice(0, limit)
        .map((entry) => entry.track);
    },
  });
}

export function useClearHistory() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(client.DELETE('/api/v1/me/history')),
    onSuccess: () => {
      void queryClient.resetQueries({ queryKey: libraryKeys.history() });
    },
  });
}
