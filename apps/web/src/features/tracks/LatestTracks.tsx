import { describeError } from '@/api';
import { Alert, Button } from '@/ui';
import { TrackCard } from './TrackCard';
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
          <TrackCard key={track.id} track={track} queue={items} />
        ))}
      </ul>
    </section>
  );
}
