import { useId, useRef, useState } from 'react';
import { describeError, type Me } from '@/api';
import { Alert, Avatar, Button, useObjectUrl, useToast } from '@/ui';
import { checkAvatar, useRemoveAvatar, useUploadAvatar } from './settings.hooks';

export function AvatarEditor({ me }: { me: Me }) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useUploadAvatar();
  const remove = useRemoveAvatar();
  const notify = useToast();

  const preview = useObjectUrl(file);

  function choose(chosen: File | undefined) {
    if (inputRef.current) inputRef.current.value = '';
    if (!chosen) return;
    const error = checkAvatar(chosen);
    setProblem(error ?? null);
    setFile(error ? null : chosen);
  }

  function save() {
    if (!file) return;
    setProblem(null);
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        notify('Profile photo updated.');
      },
      onError: (error) => setProblem(describeError(error, []).formError),
    });
  }

  function removePhoto() {
    setProblem(null);
    remove.mutate(undefined, {
      onSuccess: () => notify('Profile photo removed.'),
      onError: (error) => setProblem(describeError(error, []).formError),
    });
  }

  const name = me.displayName ?? me.username;
  const busy = upload.isPending || remove.isPending;

  return (
    <div className="settings-avatar-editor">
      <div className={preview ? 'settings-avatar-frame previewing' : 'settings-avatar-frame'}>
        <Avatar name={name} src={preview ?? me.avatarUrl} size={96} decorative />
      </div>
      <div className="settings-avatar-controls">
        <p className="field-label" id={`${inputId}-title`}>
          Profile photo
        </p>
        <p className="field-hint">PNG, JPEG or WebP, up to 5 MB. Square images look best.</p>
        {problem && <Alert tone="error">{problem}</Alert>}
        {file ? (
          <div className="button-row">
            <Button pending={upload.isPending} pendingLabel="Uploading…" onClick={save}>
              Save photo
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setFile(null)}>
              Cancel
            </Button>
          </div>
        ) : (
          <div className="button-row">
            {/* The native input stays in the tab order, styled as a button via its label. */}
            <input
              ref={inputRef}
              id={inputId}
              type="file"
              accept="image/png,image/jpeg,image/webp"
              className="file-input"
              disabled={busy}
              onChange={(e) => choose(e.target.files?.[0])}
            />
            <label htmlFor={inputId} className="btn btn-secondary btn-sm file-label">
              {me.avatarUrl ? 'Change photo' : 'Upload photo'}
            </label>
            {me.avatarUrl && (
              <Button
                variant="danger"
                size="sm"
                pending={remove.isPending}
                pendingLabel="Removing…"
                onClick={removePhoto}
              >
                Remove
              </Button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
