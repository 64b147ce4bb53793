import { Link } from 'react-router';
import { RequireAuth, useAuth } from '@/features/auth';
import { AvatarEditor } from './AvatarEditor';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import './settings.css';

export function SettingsPage() {
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

      <section className="panel" aria-labelledby="settings-profile">
        <div className="panel-intro">
          <h2 id="settings-profile">Profile</h2>
          <p>Everyone can see this on your profile page.</p>
        </div>
        <div className="panel-body">
          <AvatarEditor me={user} />
          {/* Keyed by id so a different account never inherits unsaved edits. */}
          <ProfileForm key={user.id} me={user} />
        </div>
      </section>

      <section className="panel" aria-labelledby="settings-password">
        <div className="panel-intro">
          <h2 id="settings-password">Password</h2>
          <p>Other devices stay signed in until their session expires.</p>
        </div>
        <div className="panel-body">
          <PasswordForm />
        </div>
      </section>

      <section className="panel" aria-labelledby="settings-account">
        <div className="panel-intro">
          <h2 id="settings-account">Account</h2>
          <p>Used to sign in and for important messages.</p>
        </div>
        <div className="panel-body">
          <dl className="account-facts">
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
        </div>
      </section>
    </div>
  );
}
