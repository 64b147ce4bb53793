import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '@/api';
import { Alert, Button, TextField, useToast } from '@/ui';
import { PlaylistCoverEditor } from './PlaylistCoverEditor';
import { PlaylistFieldInputs, checkFields, toFields, type FieldValues } from './PlaylistFields';
import { useCollaborators, useDeletePlaylist, useUpdatePlaylist } from './playlists.hooks';
import type { Playlist } from './playlists.types';
import { reason } from './playlist-errors';

/** The owner's controls: details, cover, collaborators, deletion. */
export function PlaylistSettings({ playlist }: { playlist: Playlist }) {
  return (
    <section className="playlist-settings" aria-labelledby="playlist-settings-title">
      <h2 id="playlist-settings-title">Manage playlist</h2>
      <div className="playlist-settings-grid">
        <DetailsForm playlist={playlist} />
        <div className="playlist-settings-side">
          <PlaylistCoverEditor playlist={playlist} />
          <Collaborators playlist={playlist} />
          <DeletePlaylist playlist={playlist} />
        </div>
      </div>
    </section>
  );
}

function DetailsForm({ playlist }: { playlist: Playlist }) {
  const update = useUpdatePlaylist(playlist);
  const notify = useToast();
  const initial: FieldValues = {
    title: playlist.title,
    description: playlist.description ?? '',
    visibility: playlist.visibility,
  };
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof FieldValues, string>>>({});
  const changed = JSON.stringify(values) !== JSON.stringify(initial);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkFields(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    update.mutate(toFields(values), { onSuccess: () => notify('Playlist saved.') });
  };
  return (
    <form className="form playlist-details" onSubmit={submit} noValidate aria-label="Playlist details">
      <PlaylistFieldInputs values={values} onChange={setValues} errors={errors} />
      {update.isError && (
        <Alert tone="error" title="Not saved">
          {describeError(update.error, ['title', 'description', 'visibility']).formError}
        </Alert>
      )}
      <div className="form-actions">
        <Button type="submit" pending={update.isPending} disabled={!changed}>
          Save changes
        </Button>
      </div>
    </form>
  );
}

function Collaborators({ playlist }: { playlist: Playlist }) {
  const { invite, remove } = useCollaborators(playlist);
  const notify = useToast();
  const [username, setUsername] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim().replace(/^@/, '');
    if (!name) return;
    invite.mutate(name, {
      onSuccess: () => {
        setUsername('');
        notify(`@${name} can now add, remove and reorder tracks.`);
      },
    });
  };
  return (
    <div className="playlist-collaborators">
      <h3>Collaborators</h3>
      {playlist.collaborators.length === 0 ? (
        <p className="muted">Only you can change this playlist. Invite people to add and reorder tracks with you.</p>
      ) : (
        <ul className="playlist-people">
          {playlist.collaborators.map((person) => (
            <li key={person.id}>
              <span>
                {person.displayName ?? person.username} <span className="muted">@{person.username}</span>
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove @${person.username}`}
                onClick={() =>
                  remove.mutate(person.username, {
                    onError: (error) => notify(reason(error), 'error'),
                  })
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="playlist-invite" onSubmit={submit} noValidate>
        <TextField
          label="Invite by username"
          name="username"
          value={username}
          autoComplete="off"
          error={invite.isError ? reason(invite.error) : undefined}
          onChange={(e) => setUsername(e.target.value)}
        />
        <Button type="submit" variant="secondary" size="sm" pending={invite.isPending} pendingLabel="Inviting…">
          Invite
        </Button>
      </form>
    </div>
  );
}

function DeletePlaylist({ playlist }: { playlist: Playlist }) {
  const del = useDeletePlaylist(playlist);
  const notify = useToast();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button variant="danger" size="sm" className="playlist-delete" onClick={() => setConfirming(true)}>
        Delete playlist
      </Button>
    );
  }
  return (
    <div className="playlist-confirm" role="group" aria-label="Confirm deletion">
      <p>
        Delete “{playlist.title}” for good? Its tracks stay where they are; the list, its likes and collaborators go.
      </p>
      {del.isError && (
        <Alert tone="error" title="Not deleted">
          {describeError(del.error, []).formError}
        </Alert>
      )}
      <div className="button-row">
        <Button
          variant="danger"
          size="sm"
          pending={del.isPending}
          pendingLabel="Deleting…"
          onClick={() =>
            del.mutate(undefined, {
              onSuccess: () => {
                notify(`Deleted “${playlist.title}”.`);
                void navigate('/me/playlists');
              },
            })
          }
        >
          Delete for good
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} autoFocus>
          Cancel
        </Button>
      </div>
    </div>
  );
}
