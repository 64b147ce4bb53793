import { useMutation } from '@tanstack/react-query';
import { describeError, unwrap, useApi, type Me } from '@/api';
import { useToast } from '@/ui';
import { useStoreMe } from './settings.hooks';

/** Whether others see the tracks you liked on your profile (the Likes tab): saved as soon as it is changed. */
export function LikesPrivacyToggle({ me }: { me: Me }) {
  const { client } = useApi();
  const storeMe = useStoreMe();
  const notify = useToast();
  const save = useMutation({
    mutationFn: (likesPublic: boolean) => unwrap(client.PATCH('/api/v1/me', { body: { likesPublic } })),
    onSuccess: (saved) => {
      storeMe(saved);
      notify(saved.likesPublic ? 'Your likes show on your profile.' : 'Your likes are now private.');
    },
    onError: (error) => notify(describeError(error, []).formError ?? 'That did not save.', 'error'),
  });
  const checked = save.isPending ? (save.variables ?? me.likesPublic) : me.likesPublic;
  return (
    <label className="settings-check">
      <input
        type="checkbox"
        checked={checked}
        disabled={save.isPending}
        onChange={(event) => save.mutate(event.target.checked)}
      />
      <span>
        Show the tracks I like on my profile
        <span className="settings-check-hint">When off, only you see your Likes tab.</span>
      </span>
    </label>
  );
}
