import { useState } from 'react';
import type { Track, Visibility } from '@/api';
import { ApiForm, Button, SelectField, TextAreaField, TextField, useApiForm, useToast } from '@/ui';
import { DESCRIPTION_MAX, VISIBILITIES, checkTrackFields, parseTags, type TrackFieldValues } from './track-fields';
import { CoverEditor } from './CoverEditor';
import { useTrackUpdater } from './tracks.hooks';

const FIELDS = ['title', 'description', 'genre', 'tags', 'visibility'];

/** Title, description, genre, tags and visibility of one track, edited in place under its row. */
export function EditTrackForm({ track, onDone }: { track: Track; onDone: () => void }) {
  const update = useTrackUpdater();
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
    mutationFn: (v: TrackFieldValues) =>
      update(track.id, {
        title: v.title.trim(),
        description: v.description.trim() || null,
        genre: v.genre.trim() || null,
        tags: parseTags(v.tags),
        visibility: v.visibility,
      }),
    onSuccess: () => {
      notify('Track saved.');
      onDone();
    },
  });
  const set = (patch: Partial<TrackFieldValues>) => setValues((v) => ({ ...v, ...patch }));

  return (
    <div className="track-edit">
      <CoverEditor track={track} />
      <ApiForm
        form={form}
        label={`Edit ${track.title}`}
        onSubmit={(e) => {
          e.preventDefault();
          form.submit(values);
        }}
      >
        <div className="track-edit-grid">
          <TextField
            label="Title"
            name="title"
            value={values.title}
            error={form.errors.title}
            onChange={(e) => set({ title: e.target.value })}
          />
          <TextField
            label="Genre"
            name="genre"
            optional
            value={values.genre}
            error={form.errors.genre}
            onChange={(e) => set({ genre: e.target.value })}
          />
          <TextField
            label="Tags"
            name="tags"
            optional
            hint="Separated by commas, up to 10."
            value={values.tags}
            error={form.errors.tags}
            onChange={(e) => set({ tags: e.target.value })}
          />
          <SelectField
            label="Visibility"
            name="visibility"
            options={VISIBILITIES}
            hint={VISIBILITIES.find((v) => v.value === values.visibility)?.hint}
            value={values.visibility}
            error={form.errors.visibility}
            onChange={(e) => set({ visibility: e.target.value as Visibility })}
          />
        </div>
        <TextAreaField
          label="Description"
          name="description"
          optional
          rows={3}
          maxLength={DESCRIPTION_MAX}
          value={values.description}
          error={form.errors.description}
          onChange={(e) => set({ description: e.target.value })}
        />
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
