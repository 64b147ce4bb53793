import { useId, useRef, useState } from 'react';
import type { Track } from '@/api';
import { Artwork, useObjectUrl } from '@/ui';
import { checkCover } from './track-fields';

interface CoverEditorProps {
  track: Track;
  /** A new cover picked but not saved yet. */
  cover: File | null;
  onChange: (cover: File | null) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * A track's cover with a button to pick another. The pick is previewed and
 * saved with the form's other fields on "Save changes" (and dropped on
 * Cancel), like every other field of the form.
 */
export function CoverEditor({ track, cover, onChange, error, disabled = false }: CoverEditorProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const preview = useObjectUrl(cover);

  function choose(file: File | undefined) {
    if (input.current) input.current.value = '';
    if (!file) return;
    const refused = checkCover(file);
    setProblem(refused ?? null);
    if (!refused) onChange(file);
  }

  const message = problem ?? error;
  return (
    <div className="track-cover-editor">
      <Artwork src={preview ?? track.coverUrl} size={72} />
      <div className="track-cover-editor-controls">
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          className="file-input"
          disabled={disabled}
          onChange={(e) => choose(e.target.files?.[0])}
        />
        <label htmlFor={id} className="btn btn-secondary btn-sm file-label">
          {track.coverUrl || cover ? 'Change cover' : 'Add cover'}
        </label>
        {cover && (
          <button type="button" className="btn btn-ghost btn-sm" disabled={disabled} onClick={() => onChange(null)}>
            Keep the old cover
          </button>
        )}
        <p className="field-hint">
          {cover ? `New cover: ${cover.name}. Saved with “Save changes”.` : 'PNG, JPEG or WebP, up to 10 MB.'}
        </p>
        {message && <p className="field-error">{message}</p>}
      </div>
    </div>
  );
}
