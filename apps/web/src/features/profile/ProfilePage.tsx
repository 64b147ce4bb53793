import { useParams } from 'react-router';
import { ApiError, describeError, type PublicProfile } from '@/api';
import { useAuth } from '@/features/auth';
import { FollowButton } from '@/features/social';
import { Alert, Avatar, ButtonLink, Spinner, useDocumentTitle } from '@/ui';
import { usePublicProfile } from './profile.hooks';
import { ProfileTabs } from './ProfileTabs';
import './profile.css';

const memberSince = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric' });

export function ProfilePage() {
  const { username = '' } = useParams();
  const profile = usePublicProfile(username);
  const shown = profile.data;
  useDocumentTitle(
    shown
      ? `${shown.displayName ?? shown.username} (@${shown.username})`
      : profile.isError
        ? 'Profile not found'
        : 'Profile',
  );

  if (profile.isPending) return <Spinner label="Loading profile…" />;
  if (profile.isError) {
    if (profile.error instanceof ApiError && profile.error.status === 404) return <NoSuchUser username={username} />;
    return (
      <div className="profile-missing">
        <Alert tone="error" title="We couldn't load this profile">
          {describeError(profile.error, []).formError}
        </Alert>
      </div>
    );
  }
  return <ProfileCard profile={profile.data} />;
}

const counted = new Intl.NumberFormat('en', { notation: 'compact' });

function ProfileCard({ profile }: { profile: PublicProfile }) {
  const { user } = useAuth();
  const own = user?.id === profile.id;
  const name = profile.displayName ?? profile.username;
  const links = profile.links.filter((l) => /^https?:\/\//i.test(l.url));
  return (
    <article className="profile" aria-labelledby="profile-name">
      <div className="profile-banner" aria-hidden="true" />
      <header className="profile-head">
        <div className="profile-avatar">
          <Avatar name={name} src={profile.avatarUrl} size={128} />
        </div>
        <div className="profile-titles">
          <h1 id="profile-name">{name}</h1>
          <p className="profile-handle">
            @{profile.username}
            {profile.role !== 'listener' && <span className="badge badge-role">{profile.role}</span>}
          </p>
          <FollowButton user={profile} className="profile-follow" />
        </div>
        {own && (
          <ButtonLink to="/settings" variant="secondary" size="sm" className="profile-edit">
            Edit profile
          </ButtonLink>
        )}
      </header>
      <dl className="profile-counts">
        <div>
          <dt>Followers</dt>
          <dd>{counted.format(profile.followerCount)}</dd>
        </div>
        <div>
          <dt>Following</dt>
          <dd>{counted.format(profile.followingCount)}</dd>
        </div>
      </dl>
      <div className="profile-body">
        {profile.bio ? <p className="profile-bio">{profile.bio}</p> : <p className="profile-bio muted">No bio yet.</p>}
        {links.length > 0 && (
          <ul className="profile-links" aria-label="Links">
            {links.map((link) => (
              <li key={link.url + link.label}>
                <a href={link.url} target="_blank" rel="me nofollow noopener noreferrer">
                  <span aria-hidden="true">↗ </span>
                  {link.label}
                  <span className="profile-link-host"> {hostOf(link.url)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <p className="profile-since">
          Member since <time dateTime={profile.createdAt}>{memberSince.format(new Date(profile.createdAt))}</time>
        </p>
      </div>
      <ProfileTabs profile={profile} own={own} />
    </article>
  );
}

function NoSuchUser({ username }: { username: string }) {
  return (
    <div className="profile-missing">
      <p className="empty-glyph" aria-hidden="true">
        ?
      </p>
      <h1>No one here by that name</h1>
      <p className="muted">
        There's no Veza account called <strong>@{username}</strong>. Check the spelling, or the account may have been
        removed.
      </p>
      <ButtonLink to="/">Back to home</ButtonLink>
    </div>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return '';
  }
}
