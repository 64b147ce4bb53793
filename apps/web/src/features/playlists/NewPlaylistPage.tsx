import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '@/api';
import { RequireAuth } from '@/features/auth';
import { Alert, Button, ButtonLink, useDocumentTitle } from '@/ui';
import { PlaylistFieldInputs, checkFields, toFields, type FieldValues } from './PlaylistFields';
import { useCreatePlaylist } from './playlists.hooks';
import './playlists.css';

export function NewPlaylistPage() {
  return (
    <RequireAuth>
      <NewPlaylistForm />
    </RequireAuth>
  );
}

function NewPlaylistForm() {
  useDocumentTitle('New playlist');
  const create = useCreatePlaylist();
  const navigate = useNavigate();
  const [values, setValues] = useState<FieldValues>({ title: '', description: '', visibility: 'public' });
  const [errors, setErrors] = useState<Partial<Record<keyof FieldValues, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkFields(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(toFields(values), { onSuccess: (playlist) => void navigate(`/playlists/${playlist.id}`) });
  };
  const described = create.isError ? describeError(create.error, ['title', 'description', 'visibility']) : null;

  return (
    <div className="playlist-new">
      <h1>New playlist</h1>
      <form className="form" onSubmit={submit} noValidate aria-label="New playlist">
        <PlaylistFieldInputs values={values} onChange={setValues} errors={{ ...described?.fieldErrors, ...errors }} />
        {described && (
          <Alert tone="error" title="Not created">
            {described.formError}
          </Alert>
        )}
        <div className="form-actions">
          <Button type="submit" pending={create.isPending} pendingLabel="Creating…">
            Create playlist
          </Button>
          <ButtonLink to="/me/playlists" variant="ghost">
            Cancel
          </ButtonLink>
        </div>
      </form>
    </div>
  );
}
