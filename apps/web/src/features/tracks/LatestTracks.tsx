import { Link } from 'react-router';
import { describeError } from '@/api';
import { Alert, Artwork, Button, formatDuration } from '@/ui';
import { PlayToggle } from './PlayToggle';
import { useLatestTracks } from './tracks.hooks';
import './tracks.css';

/**
 * The newest public tracks as cards; playing one queues the rest after it.
 * Nothing at all while there are none; a failed load says so, with a retry.
 */
export function LatestTracks({ limit = 12 }: { limit?: number }) {
  const latest = useLatestTracks(limit);
  const items = latest.data?.items ?? [];
  if (latest.isError) {
    return (
      <section aria-labelledby="latest-tracks">
        <h2 id="latest-tracks" className="section-title">
          Latest tracks
        </h2>
        <Alert tone="error" title="The latest tracks didn't load.">
          <p>{describeError(latest.error, []).formError}</p>
          <Button variant="secondary" size="sm" pending={latest.isFetching} onClick={() => void latest.refetch()}>
            Try again
          </Button>
        </Alert>
      </section>
    );
  }
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="latest-tracks">
      <h2 id="latest-tracks" className="section-title">
        Latest tracks
      </h2>
      <ul className="track-grid">
        {items.map((track) => (
          <li key={track.id} className="track-card">
            <div className="track-card-art">
              <Artwork src={track.coverUrl} size={300} />
              <PlayToggle track={track} queue={items} className="track-card-play" />
            </div>
            <Link to={`/tracks/${track.id}`} className="track-card-title">
              {track.title}
            </Link>
            <span className="track-card-meta">
              <Link to={`/u/${track.artist.username}`}>{track.artist.displayName ?? track.artist.username}</Link>
              <span aria-hidden="true"> · </span>
              <span>{formatDuration(track.durationMs)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
