import type { ReactElement } from 'react';
import type { FieldErrors, Visibility } from '@/api';
import { SelectField, TextAreaField, TextField } from '@/ui';
import { DESCRIPTION_MAX, VISIBILITIES, type TrackFieldValues } from './track-fields';

type TrackField = keyof TrackFieldValues;

/**
 * The inputs of a track's details, one per field, for a form to place: the
 * upload card and the edit form lay them out differently. `examples` adds
 * sample values as placeholders (for a new track, whose fields start empty).
 */
export function trackFieldInputs({
  values,
  errors,
  onChange,
  examples = false,
}: {
  values: TrackFieldValues;
  errors: FieldErrors;
  onChange: (patch: Partial<TrackFieldValues>) => void;
  examples?: boolean;
}): Record<TrackField, ReactElement> {
  return {
    title: (
      <TextField
        label="Title"
        name="title"
        value={values.title}
        error={errors.title}
        onChange={(e) => onChange({ title: e.target.value })}
      />
    ),
    genre: (
      <TextField
        label="Genre"
        name="genre"
        optional
        placeholder={examples ? 'e.g. Ambient' : undefined}
        value={values.genre}
        error={errors.genre}
        onChange={(e) => onChange({ genre: e.target.value })}
      />
    ),
    tags: (
      <TextField
        label="Tags"
        name="tags"
        optional
        placeholder={examples ? 'synthwave, night drive' : undefined}
        hint="Separated by commas, up to 10."
        value={values.tags}
        error={errors.tags}
        onChange={(e) => onChange({ tags: e.target.value })}
      />
    ),
    visibility: (
      <SelectField
        label="Visibility"
        name="visibility"
        options={VISIBILITIES}
        hint={VISIBILITIES.find((v) => v.value === values.visibility)?.hint}
        value={values.visibility}
        error={errors.visibility}
        onChange={(e) => onChange({ visibility: e.target.value as Visibility })}
      />
    ),
    description: (
      <TextAreaField
        label="Description"
        name="description"
        optional
        rows={3}
        maxLength={DESCRIPTION_MAX}
        value={values.description}
        error={errors.description}
        onChange={(e) => onChange({ description: e.target.value })}
      />
    ),
  };
}
