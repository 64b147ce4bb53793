import { useId, useRef, useState } from 'react';
import { checkCover } from '@/features/tracks';
import { Artwork, Button, useToast } from '@/ui';
import { usePlaylistCover } from './playlists.hooks';
import type { Playlist } from './playlists.types';
import { reason } from './playlist-errors';

/** The owner's own cover in place of the mosaic, saved as soon as it is picked; "Use the mosaic" goes back. */
export function PlaylistCoverEditor({ playlist }: { playlist: Playlist }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const { upload, reset } = usePlaylistCover(playlist);
  const notify = useToast();
  const [problem, setProblem] = useState<string | null>(null);

  const choose = (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    const refused = checkCover(file);
    setProblem(refused ?? null);
    if (refused) return;
    upload.mutate(file, {
      onSuccess: () => notify('Cover updated.'),
      onError: (error) => setProblem(reason(error)),
    });
  };

  return (
    <div className="playlist-cover-editor">
      <h3>Cover</h3>
      <div className="playlist-cover-editor-row">
        <Artwork src={playlist.coverUrl} size={72} />
        <div>
          <input
            ref={input}
            id={id}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="file-input"
            disabled={upload.isPending}
            onChange={(e) => choose(e.target.files?.[0])}
          />
          <label htmlFor={id} className="btn btn-secondary btn-sm file-label">
            {upload.isPending ? 'Uploading…' : playlist.customCover ? 'Change cover' : 'Upload a cover'}
          </label>
          {playlist.customCover && (
            <Button
              variant="ghost"
              size="sm"
              pending={reset.isPending}
              pendingLabel="Resetting…"
              onClick={() =>
                reset.mutate(undefined, { onSuccess: () => notify('Back to the mosaic of track covers.') })
              }
            >
              Use the mosaic
            </Button>
          )}
          <p className="field-hint">
            {playlist.customCover
              ? 'Your own image. PNG, JPEG or WebP, up to 10 MB.'
              : 'Made from the first four track covers. PNG, JPEG or WebP, up to 10 MB.'}
          </p>
          {problem && <p className="field-error">{problem}</p>}
        </div>
      </div>
    </div>
  );
}
