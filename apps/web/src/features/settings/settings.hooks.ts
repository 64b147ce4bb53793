import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap, useApi, type Me } from '@/api';
import { ME_KEY } from '@/features/auth';
import { profileKeys } from '@/features/profile';

/** Every change to "me" answers with the new Me: put it in the cache as is. */
function useStoreMe() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    queryClient.setQueryData(ME_KEY, me);
    void queryClient.invalidateQueries({ queryKey: profileKeys.byUsername(me.username) });
  };
}

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

export function checkAvatar(file: File): string | undefined {
  if (!AVATAR_TYPES.includes(file.type)) return 'Choose a PNG, JPEG or WebP image.';
  if (file.size > AVATAR_MAX_BYTES) return 'That image is over 5 MB. Choose a smaller one.';
  return undefined;
}

export function useUploadAvatar() {
  const { client } = useApi();
  const storeMe = useStoreMe();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        client.PUT('/api/v1/me/avatar', {
          // The typed body mirrors the spec (`file: string`, format binary);
          // what goes on the wire is the multipart form built here.
          body: { file: file as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file);
            return form;
          },
        }),
      ),
    onSuccess: storeMe,
  });
}

export function useRemoveAvatar() {
  const { client } = useApi();
  const storeMe = useStoreMe();
  return useMutation({
    mutationFn: () => unwrap(client.DELETE('/api/v1/me/avatar')),
    onSuccess: storeMe,
  });
}

export { useStoreMe };
