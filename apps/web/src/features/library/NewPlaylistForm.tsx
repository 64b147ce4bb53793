import { useId, useState, type FormEvent } from 'react';
import { describeError } from '@/api';
import { Button } from '@/ui';
import { useCreatePlaylist, type PlaylistSummary } from './playlist-add.hooks';

const TITLE_MAX = 200;

/** Inline "New playlist…": a title, then the track goes straight into it. */
export function NewPlaylistForm({
  onCreated,
  onCancel,
}: {
  onCreated: (playlist: PlaylistSummary) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useCreatePlaylist();
  const inputId = useId();
  const errorId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) return setError('Give the playlist a name.');
    setError(null);
    create.mutate(trimmed, {
      onSuccess: onCreated,
      onError: (e) => setError(describeError(e, []).formError),
    });
  }

  return (
    <form className="library-new" onSubmit={submit} noValidate>
      <label htmlFor={inputId} className="library-new-label">
        New playlist
      </label>
      <input
        id={inputId}
        className="input library-new-input"
        autoFocus
        maxLength={TITLE_MAX}
        placeholder="Playlist name"
        value={title}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setTitle(e.target.value)}
      />
      {error && (
        <p id={errorId} className="library-new-error" role="alert">
          {error}
        </p>
      )}
      <p className="library-new-hint">Private until you share it.</p>
      <div className="library-new-actions">
        <Button size="sm" type="submit" pending={create.isPending} pendingLabel="Creating…">
          Create and add
        </Button>
        <Button size="sm" variant="ghost" type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
