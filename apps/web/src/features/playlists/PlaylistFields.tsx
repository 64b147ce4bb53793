import { SelectField, TextAreaField, TextField } from '@/ui';
import type { PlaylistFields } from './playlists.hooks';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
const VISIBILITIES = [
  { value: 'public', label: 'Public: anyone can find it' },
  { value: 'unlisted', label: 'Unlisted: only people with the link' },
  { value: 'private', label: 'Private: you and your collaborators' },
] as const;

export interface FieldValues {
  title: string;
  description: string;
  visibility: PlaylistFields['visibility'];
}

/** Title, description and visibility: the same inputs to create and to edit. */
export function PlaylistFieldInputs({
  values,
  onChange,
  errors,
}: {
  values: FieldValues;
  onChange: (values: FieldValues) => void;
  errors: Partial<Record<keyof FieldValues, string>>;
}) {
  return (
    <>
      <TextField
        label="Title"
        name="title"
        required
        maxLength={TITLE_MAX}
        value={values.title}
        error={errors.title}
        onChange={(e) => onChange({ ...values, title: e.target.value })}
      />
      <TextAreaField
        label="Description"
        name="description"
        optional
        rows={3}
        maxLength={DESCRIPTION_MAX}
        value={values.description}
        error={errors.description}
        onChange={(e) => onChange({ ...values, description: e.target.value })}
      />
      <SelectField
        label="Visibility"
        name="visibility"
        options={VISIBILITIES}
        value={values.visibility}
        error={errors.visibility}
        onChange={(e) => onChange({ ...values, visibility: e.target.value as FieldValues['visibility'] })}
      />
    </>
  );
}

/** What the server would refuse, said before sending. */
export function checkFields(values: FieldValues): Partial<Record<keyof FieldValues, string>> {
  const errors: Partial<Record<keyof FieldValues, string>> = {};
  if (!values.title.trim()) errors.title = 'Give the playlist a title.';
  else if (values.title.length > TITLE_MAX) errors.title = `At most ${TITLE_MAX} characters.`;
  if (values.description.length > DESCRIPTION_MAX) errors.description = `At most ${DESCRIPTION_MAX} characters.`;
  return errors;
}

export function toFields(values: FieldValues): PlaylistFields {
  return { title: values.title.trim(), description: values.description.trim() || null, visibility: values.visibility };
}
