import { useState } from 'react';
import type { Track } from '@/api';
import { ApiForm, Button, useApiForm, useToast } from '@/ui';
import { checkTrackFields, parseTags, type TrackFieldValues } from './track-fields';
import { trackFieldInputs } from './TrackFieldInputs';
import { CoverEditor } from './CoverEditor';
import { useCoverUploader, useTrackUpdater } from './tracks.hooks';

const FIELDS = ['title', 'description', 'genre', 'tags', 'visibility', 'file'];

/** Cover, title, description, genre, tags and visibility of one track, edited in place under its row, saved together. */
export function EditTrackForm({ track, onDone }: { track: Track; onDone: () => void }) {
  const update = useTrackUpdater();
  const uploadCover = useCoverUploader();
  const [cover, setCover] = useState<File | null>(null);
  const notify = useToast();
  const [values, setValues] = useState<TrackFieldValues>({
    title: track.title,
    description: track.description ?? '',
    genre: track.genre ?? '',
    tags: track.tags.join(', '),
    visibility: track.visibility,
  });
  const form = useApiForm({
    fields: FIELDS,
    validate: checkTrackFields,
    mutationFn: async (v: TrackFieldValues) => {
      // The cover first: a refused image leaves the fields unsaved too, so nothing is half-applied.
      if (cover) await uploadCover(track.id, cover);
      return update(track.id, {
        title: v.title.trim(),
        description: v.description.trim() || null,
        genre: v.genre.trim() || null,
        tags: parseTags(v.tags),
        visibility: v.visibility,
      });
    },
    onSuccess: () => {
      notify('Track saved.');
      onDone();
    },
  });
  const inputs = trackFieldInputs({
    values,
    errors: form.errors,
    onChange: (patch) => setValues((v) => ({ ...v, ...patch })),
  });

  return (
    <div className="track-edit">
      <CoverEditor track={track} cover={cover} onChange={setCover} error={form.errors.file} disabled={form.pending} />
      <ApiForm
        form={form}
        label={`Edit ${track.title}`}
        onSubmit={(e) => {
          e.preventDefault();
          form.submit(values);
        }}
      >
        <div className="track-edit-grid">
          {inputs.title}
          {inputs.genre}
          {inputs.tags}
          {inputs.visibility}
        </div>
        {inputs.description}
        <div className="form-actions">
          <Button type="submit" size="sm" pending={form.pending}>
            Save changes
          </Button>
          <Button variant="ghost" size="sm" disabled={form.pending} onClick={onDone}>
            Cancel
          </Button>
        </div>
      </ApiForm>
    </div>
  );
}
