import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError, unwrap, useApi } from '@/api';
import { ME_KEY } from '@/features/auth';
import { Alert, Button, useToast } from '@/ui';

/** What a listener sees on the upload page: why they can't yet, and the one click that changes it. */
export function BecomeArtist() {
  const { client, session } = useApi();
  const queryClient = useQueryClient();
  const notify = useToast();
  const become = useMutation({
    mutationFn: async () => {
      const me = await unwrap(client.POST('/api/v1/me/become-artist'));
      // The access token still says "listener": a refresh issues one with the new role, which uploads need.
      await session.refresh();
      return me;
    },
    onSuccess: (me) => {
      queryClient.setQueryData(ME_KEY, me);
      notify('You are an artist now. Time to upload!');
    },
  });

  return (
    <section className="upload-become-artist" aria-labelledby="become-artist-title">
      <p className="empty-glyph" aria-hidden="true">
        ↑
      </p>
      <h1 id="become-artist-title">Share your music on Veza</h1>
      <p className="muted">
        Uploading is for artist accounts. Anyone can switch: it's free, you keep listening as before, and your profile
        gets an artist badge so listeners know it's you.
      </p>
      {become.isError && <Alert tone="error">{describeError(become.error, []).formError}</Alert>}
      <Button pending={become.isPending} pendingLabel="Switching…" onClick={() => become.mutate()}>
        Become an artist
      </Button>
    </section>
  );
}
