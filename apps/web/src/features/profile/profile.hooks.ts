import { useQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';
import { profileKeys } from './profile.keys';

export function usePublicProfile(username: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: profileKeys.byUsername(username),
    queryFn: () => unwrap(client.GET('/api/v1/users/{username}', { params: { path: { username } } })),
  });
}
