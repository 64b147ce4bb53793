import { useId, useRef, useState } from 'react';
import { describeError, type Track } from '@/api';
import { Artwork, useToast } from '@/ui';
import { checkCover } from './track-fields';
import { useReplaceCover } from './tracks.hooks';

/** A track's cover with a button to replace it; the new one is sent as soon as it is picked. */
export function CoverEditor({ track }: { track: Track }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const replace = useReplaceCover(track.id);
  const notify = useToast();

  function choose(file: File | undefined) {
    if (input.current) input.current.value = '';
    if (!file) return;
    const refused = checkCover(file);
    setProblem(refused ?? null);
    if (refused) return;
    replace.mutate(file, {
      onSuccess: () => notify('Cover updated.'),
      onError: (error) => setProblem(describeError(error, []).formError),
    });
  }

  return (
    <div className="cover-editor">
      <Artwork src={track.coverUrl} size={72} />
      <div className="cover-editor-controls">
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          className="file-input"
          disabled={replace.isPending}
          onChange={(e) => choose(e.target.files?.[0])}
        />
        <label htmlFor={id} className="btn btn-secondary btn-sm file-label">
          {replace.isPending ? 'Uploading…' : track.coverUrl ? 'Change cover' : 'Add cover'}
        </label>
        <p className="field-hint">PNG, JPEG or WebP, up to 10 MB.</p>
        {problem && <p className="field-error">{problem}</p>}
      </div>
    </div>
  );
}
