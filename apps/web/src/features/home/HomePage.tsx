import { useAuth } from '@/features/auth';
import { LatestTracks } from '@/features/tracks';
import { RecentlyPlayed } from './RecentlyPlayed';
import { Avatar, ButtonLink, Spinner, useDocumentTitle } from '@/ui';
import './home.css';

// Only what works today: sales are not built yet.
const FEATURES = [
  { icon: '♫', title: 'Stream independent music', text: 'Hear new tracks from artists who publish on Veza first.' },
  {
    icon: '◉',
    title: 'Find the artist behind a track',
    text: 'Every artist has a public page with their bio and links.',
  },
  { icon: '♡', title: 'Keep what you love', text: 'Like tracks, follow artists and gather songs into playlists.' },
  { icon: '↑', title: 'Share your own tracks', text: 'Upload your music and get a link anyone can play.' },
];

export function HomePage() {
  const { status, user } = useAuth();
  useDocumentTitle(user ? 'Home' : null);
  if (status === 'unknown') return <Spinner />;
  return user ? (
    <Welcome
      name={user.displayName ?? user.username}
      username={user.username}
      avatar={user.avatarUrl}
      isArtist={user.role === 'artist' || user.role === 'admin'}
    />
  ) : (
    <Landing />
  );
}

function Landing() {
  return (
    <div className="home">
      <section className="home-hero" aria-labelledby="hero-title">
        <p className="home-eyebrow">Open music platform</p>
        <h1 id="hero-title">
          Music, <span className="accent-text">out in the open.</span>
        </h1>
        <p className="home-hero-lead">
          Veza is where artists share their tracks and listeners find them: newest first, with no algorithm deciding for
          you.
        </p>
        <div className="home-hero-actions">
          <ButtonLink to="/signup">Create a free account</ButtonLink>
          <ButtonLink to="/login" variant="secondary">
            Log in
          </ButtonLink>
        </div>
      </section>
      <LatestTracks />
      <section aria-labelledby="can-do">
        <h2 id="can-do" className="section-title">
          What you can do
        </h2>
        <ul className="home-feature-grid">
          {FEATURES.map((f) => (
            <li key={f.title} className="home-feature-card">
              <span className="home-feature-icon" aria-hidden="true">
                {f.icon}
              </span>
              <h3>{f.title}</h3>
              <p>{f.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function greeting(now = new Date()): string {
  const hour = now.getHours();
  if (hour < 5) return 'Up late';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

interface WelcomeProps {
  name: string;
  username: string;
  avatar: string | null;
  isArtist: boolean;
}

function Welcome({ name, username, avatar, isArtist }: WelcomeProps) {
  return (
    <div className="home">
      <section className="home-welcome" aria-labelledby="welcome-title">
        <Avatar name={name} src={avatar} size={72} decorative />
        <div>
          <h1 id="welcome-title">
            {greeting()}, <span className="accent-text">{name}</span>
          </h1>
          <p className="home-hero-lead">Good to have you here. Here is what is new on Veza.</p>
        </div>
      </section>
      <RecentlyPlayed />
      <LatestTracks />
      <ul className="home-feature-grid">
        {isArtist ? (
          <li className="home-feature-card">
            <span className="home-feature-icon" aria-hidden="true">
              ♫
            </span>
            <h3>Your tracks</h3>
            <p>Play what you've published, follow processing and see how often you're played.</p>
            <div className="button-row">
              <ButtonLink to="/me/tracks" variant="secondary" size="sm">
                My tracks
              </ButtonLink>
              <ButtonLink to="/upload" variant="ghost" size="sm">
                Upload
              </ButtonLink>
            </div>
          </li>
        ) : (
          <li className="home-feature-card">
            <span className="home-feature-icon" aria-hidden="true">
              ↑
            </span>
            <h3>Share your own music</h3>
            <p>Become an artist in one click and upload your tracks for anyone to hear.</p>
            <ButtonLink to="/upload" variant="secondary" size="sm">
              Start uploading
            </ButtonLink>
          </li>
        )}
        <li className="home-feature-card">
          <span className="home-feature-icon" aria-hidden="true">
            ✎
          </span>
          <h3>Make your profile yours</h3>
          <p>Add a photo, a bio and links so listeners can find you elsewhere.</p>
          <ButtonLink to="/settings" variant="secondary" size="sm">
            Edit profile
          </ButtonLink>
        </li>
        <li className="home-feature-card">
          <span className="home-feature-icon" aria-hidden="true">
            ◉
          </span>
          <h3>See your public page</h3>
          <p>This is what everyone else sees when they visit you.</p>
          <ButtonLink to={`/u/${username}`} variant="secondary" size="sm">
            View profile
          </ButtonLink>
        </li>
      </ul>
    </div>
  );
}
