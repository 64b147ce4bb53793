import { useState, type FormEvent } from 'react';
import { unwrap, useApi, type Me, type ProfileLink } from '@/api';
import { ApiForm, Button, TextAreaField, TextField, useApiForm, useToast } from '@/ui';
import { checkDisplayName } from '@/features/auth';
import { LinksEditor, MAX_LINKS, checkLinks } from './LinksEditor';
import { useStoreMe } from './settings.hooks';

export const BIO_MAX = 1000;

interface ProfileValues {
  displayName: string;
  bio: string;
  links: ProfileLink[];
}

const LINK_FIELDS = Array.from({ length: MAX_LINKS }, (_, i) => [`links.${i}.label`, `links.${i}.url`]).flat();
const FIELDS = ['displayName', 'bio', 'links', ...LINK_FIELDS];

export function ProfileForm({ me }: { me: Me }) {
  const { client } = useApi();
  const notify = useToast();
  const storeMe = useStoreMe();
  const [displayName, setDisplayName] = useState(me.displayName ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [links, setLinks] = useState<ProfileLink[]>(me.links);

  const form = useApiForm({
    fields: FIELDS,
    validate: (v: ProfileValues) => {
      const errors = checkLinks(v.links);
      const displayNameError = checkDisplayName(v.displayName);
      if (displayNameError) errors.displayName = displayNameError;
      if (v.bio.length > BIO_MAX) errors.bio = `Your bio is ${v.bio.length - BIO_MAX} characters too long.`;
      return errors;
    },
    mutationFn: (v: ProfileValues) =>
      unwrap(
        client.PATCH('/api/v1/me', {
          body: {
            displayName: v.displayName.trim() || null,
            bio: v.bio.trim() || null,
            links: v.links.map((l) => ({ label: l.label.trim(), url: l.url.trim() })),
          },
        }),
      ),
    onSuccess: (updated) => {
      storeMe(updated);
      notify('Profile saved.');
    },
  });

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Rows left completely blank are dropped, not reported as errors.
    const kept = links.filter((l) => l.label.trim() || l.url.trim());
    setLinks(kept);
    form.submit({ displayName, bio, links: kept });
  }

  return (
    <ApiForm form={form} label="Profile" onSubmit={save}>
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="name"
        optional
        hint={`Shown instead of @${me.username} where there's room.`}
        value={displayName}
        error={form.errors.displayName}
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <TextAreaField
        label="Bio"
        name="bio"
        optional
        rows={5}
        maxLength={BIO_MAX}
        placeholder="Tell listeners about yourself or your music."
        value={bio}
        error={form.errors.bio}
        onChange={(e) => setBio(e.target.value)}
      />
      <LinksEditor links={links} errors={form.errors} onChange={setLinks} />
      <div className="form-actions">
        <Button type="submit" pending={form.pending}>
          Save profile
        </Button>
      </div>
    </ApiForm>
  );
}
