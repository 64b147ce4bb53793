import type { FieldErrors, ProfileLink } from '@/api';
import { Button, TextField } from '@/ui';

export const MAX_LINKS = 5;
export const LINK_LABEL_MAX = 40;

interface LinksEditorProps {
  links: ProfileLink[];
  errors: FieldErrors;
  onChange: (links: ProfileLink[]) => void;
}

export function LinksEditor({ links, errors, onChange }: LinksEditorProps) {
  const update = (index: number, patch: Partial<ProfileLink>) =>
    onChange(links.map((link, i) => (i === index ? { ...link, ...patch } : link)));

  return (
    <fieldset className="settings-links-editor">
      <legend className="field-label">
        Links <span className="field-optional">(up to {MAX_LINKS})</span>
      </legend>
      {errors.links && <p className="field-error">{errors.links}</p>}
      {links.length === 0 && <p className="field-hint">Add your website, Bandcamp, socials…</p>}
      <ol className="settings-links-list">
        {links.map((link, index) => (
          <li key={index} className="settings-link-row">
            <TextField
              label={`Link ${index + 1} label`}
              name={`links.${index}.label`}
              placeholder="Website"
              maxLength={LINK_LABEL_MAX}
              value={link.label}
              error={errors[`links.${index}.label`]}
              onChange={(e) => update(index, { label: e.target.value })}
            />
            <TextField
              label={`Link ${index + 1} URL`}
              name={`links.${index}.url`}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={link.url}
              error={errors[`links.${index}.url`]}
              onChange={(e) => update(index, { url: e.target.value })}
            />
            <Button
              variant="ghost"
              size="sm"
              className="settings-link-remove"
              onClick={() => onChange(links.filter((_, i) => i !== index))}
            >
              Remove<span className="visually-hidden"> link {index + 1}</span>
            </Button>
          </li>
        ))}
      </ol>
      {links.length < MAX_LINKS && (
        <Button variant="secondary" size="sm" onClick={() => onChange([...links, { label: '', url: '' }])}>
          + Add link
        </Button>
      )}
    </fieldset>
  );
}

/** Client checks mirroring the API's rules, keyed like its error paths. */
export function checkLinks(links: ProfileLink[]): FieldErrors {
  const errors: FieldErrors = {};
  if (links.length > MAX_LINKS) errors.links = `Keep it to ${MAX_LINKS} links.`;
  links.forEach((link, i) => {
    if (!link.label.trim()) errors[`links.${i}.label`] = 'Give this link a label.';
    else if (link.label.length > LINK_LABEL_MAX)
      errors[`links.${i}.label`] = `Labels are at most ${LINK_LABEL_MAX} characters.`;
    if (!isHttpUrl(link.url.trim())) errors[`links.${i}.url`] = 'Enter a full address starting with https://';
  });
  return errors;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
