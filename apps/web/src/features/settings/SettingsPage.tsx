import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '@/ui';
import { RequireAuth, useAuth } from '@/features/auth';
import { AvatarEditor } from './AvatarEditor';
import { LikesPrivacyToggle } from './LikesPrivacyToggle';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import './settings.css';

export function SettingsPage() {
  useDocumentTitle('Settings');
  return (
    <RequireAuth>
      <Settings />
    </RequireAuth>
  );
}

function Settings() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <div className="settings">
      <header className="page-header">
        <h1>Settings</h1>
        <p className="page-subtitle">
          Manage how you appear on Veza.{' '}
          <Link to={`/u/${user.username}`} className="subtle-link">
            View your public profile →
          </Link>
        </p>
      </header>

      <SettingsPanel id="settings-profile" title="Profile" intro="Everyone can see this on your profile page.">
        <AvatarEditor me={user} />
        {/* Keyed by id so a different account never inherits unsaved edits. */}
        <ProfileForm key={user.id} me={user} />
      </SettingsPanel>

      <SettingsPanel id="settings-privacy" title="Privacy" intro="What others may see of your listening.">
        <LikesPrivacyToggle me={user} />
      </SettingsPanel>

      <SettingsPanel
        id="settings-password"
        title="Password"
        intro="Changing it signs you out everywhere else; this device stays signed in."
      >
        <PasswordForm />
      </SettingsPanel>

      <SettingsPanel id="settings-account" title="Account" intro="Used to sign in and for important messages.">
        <dl className="settings-account-facts">
          <div>
            <dt>E-mail</dt>
            <dd>
              {user.email}{' '}
              <span className={user.emailVerified ? 'badge badge-ok' : 'badge badge-warn'}>
                {user.emailVerified ? 'Verified' : 'Not verified'}
              </span>
            </dd>
          </div>
          <div>
            <dt>Username</dt>
            <dd>@{user.username}</dd>
          </div>
        </dl>
      </SettingsPanel>
    </div>
  );
}

/** One titled section of the settings page: what it is for on the left, its controls on the right. */
function SettingsPanel({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <section className="settings-panel" aria-labelledby={id}>
      <div className="settings-panel-intro">
        <h2 id={id}>{title}</h2>
        <p>{intro}</p>
      </div>
      <div className="settings-panel-body">{children}</div>
    </section>
  );
}
