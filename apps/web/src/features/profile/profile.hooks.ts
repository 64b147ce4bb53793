import { useQuery } from '@tanstack/react-query';
import { unwrap, useApi } from '@/api';

export function usePublicProfile(username: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['user', username],
    queryFn: () => unwrap(client.GET('/api/v1/users/{username}', { params: { path: { username } } })),
  });
}
