import { useId, useRef, useState } from 'react';
import { checkCover } from '@/features/tracks';
import { useObjectUrl } from '@/ui';

interface CoverPickerProps {
  cover: File | null;
  disabled: boolean;
  error: string | undefined;
  onChange: (cover: File | null) => void;
}

/** An optional cover image with its preview; a wrong type or size is refused here before any upload. */
export function CoverPicker({ cover, disabled, error, onChange }: CoverPickerProps) {
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
    <div className="upload-cover-picker">
      <div className={preview ? 'upload-cover-preview has-image' : 'upload-cover-preview'}>
        {preview ? (
          <img src={preview} alt="Cover preview" />
        ) : (
          <span className="upload-cover-empty" aria-hidden="true">
            Cover
          </span>
        )}
      </div>
      <div className="upload-cover-actions">
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          className="file-input"
          disabled={disabled}
          aria-describedby={message ? `${id}-error` : undefined}
          onChange={(e) => choose(e.target.files?.[0])}
        />
        <label htmlFor={id} className="btn btn-ghost btn-sm file-label">
          {cover ? 'Change cover' : 'Add cover'}
        </label>
        {cover && !disabled && (
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Remove cover
          </button>
        )}
      </div>
      {message && (
        <p id={`${id}-error`} className="field-error">
          {message}
        </p>
      )}
    </div>
  );
}
