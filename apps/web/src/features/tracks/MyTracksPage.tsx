import { describeError } from '@/api';
import { RequireAuth, useAuth } from '@/features/auth';
import { Alert, ButtonLink, LoadMore, Spinner, useDocumentTitle } from '@/ui';
import { PlayStats } from './PlayStats';
import { TrackRow } from './TrackRow';
import { useMyTracks } from './tracks.hooks';
import { useTrackEvents } from './useTrackEvents';
import './tracks.css';

export function MyTracksPage() {
  useDocumentTitle('My tracks');
  return (
    <RequireAuth>
      <MyTracks />
    </RequireAuth>
  );
}

function MyTracks() {
  const { user } = useAuth();
  const stream = useTrackEvents();
  // While the live stream is not open, the list polls (only while something is processing).
  const tracks = useMyTracks({ poll: stream !== 'open' });
  const items = tracks.data?.pages.flatMap((page) => page.items) ?? [];
  const playable = items.filter((t) => t.status === 'ready');
  const isArtist = user?.role === 'artist' || user?.role === 'admin';

  return (
    <div className="my-tracks">
      <header className="page-header page-header-row">
        <div>
          <h1>My tracks</h1>
          <p className="page-subtitle">Everything you've uploaded, with its processing status and plays.</p>
        </div>
        <ButtonLink to="/upload">Upload</ButtonLink>
      </header>

      {isArtist && <PlayStats />}

      {tracks.isPending ? (
        <Spinner label="Loading your tracks…" />
      ) : tracks.isError ? (
        <Alert tone="error" title="We couldn't load your tracks">
          {describeError(tracks.error, []).formError}
        </Alert>
      ) : items.length === 0 ? (
        <div className="track-empty-state">
          <p className="empty-glyph" aria-hidden="true">
            ♪
          </p>
          <h2>No tracks yet</h2>
          <p className="muted">Upload your first track: we'll prepare it for streaming and it shows up here.</p>
          <ButtonLink to="/upload">Upload a track</ButtonLink>
        </div>
      ) : (
        <>
          <ul className="track-list" aria-label="Your tracks">
            {items.map((track) => (
              <TrackRow key={track.id} track={track} queue={playable} />
            ))}
          </ul>
          <LoadMore pages={tracks} className="track-load-more" />
        </>
      )}
    </div>
  );
}
