import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import type { paths } from '@/api/schema';
import { profileKeys } from './profile.keys';

export function usePublicProfile(username: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: profileKeys.byUsername(username),
    queryFn: () => unwrap(client.GET('/api/v1/users/{username}', { params: { path: { username } } })),
  });
}

const PAGE_SIZE = 20;
export type ProfileTab = 'tracks' | 'playlists' | 'reposts' | 'likes';
const LIST_PATHS = {
  tracks: '/api/v1/users/{username}/tracks',
  playlists: '/api/v1/users/{username}/playlists',
  reposts: '/api/v1/users/{username}/reposts',
  likes: '/api/v1/users/{username}/likes',
} as const;

/** One tab's list of a profile, page by page (keyset cursors). */
export function useProfileList<T extends ProfileTab>(username: string, tab: T) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: profileKeys.list(username, tab),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET(LIST_PATHS[tab] as (typeof LIST_PATHS)['tracks'], {
          params: { path: { username }, query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ) as Promise<ProfileListPage<T>>,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** What each tab's list answers. */
export type ProfileListPage<T extends ProfileTab> = Json<paths[(typeof LIST_PATHS)[T]]['get']['responses'][200]>;
