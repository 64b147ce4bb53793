import { Link } from 'react-router';
import { describeError } from '@/api';
import { TrackList } from '@/features/tracks';
import { Alert, Artwork, Button, Spinner, formatDuration, useDocumentTitle } from '@/ui';
import { GenreChips } from './GenreChips';
import { useDiscover } from './discover.hooks';
import './discover.css';

const weekly = (plays: number) => `${plays} ${plays === 1 ? 'play' : 'plays'} this week`;

/** Trending this week, new releases and genres: what to listen to without knowing what to search for. */
export function DiscoverPage() {
  useDocumentTitle('Discover');
  const discover = useDiscover();
  if (discover.isPending) return <Spinner label="Loading discover…" />;
  if (discover.isError) {
    return (
      <div className="discover">
        <h1>Discover</h1>
        <Alert tone="error" title="Discover didn't load.">
          <p>{describeError(discover.error, []).formError}</p>
          <Button variant="secondary" size="sm" pending={discover.isFetching} onClick={() => void discover.refetch()}>
            Try again
          </Button>
        </Alert>
      </div>
    );
  }
  const { trending, newReleases, genres } = discover.data;
  const plays = new Map(trending.map((t) => [t.track.id, t.plays]));
  const nothing = trending.length === 0 && newReleases.length === 0;
  return (
    <div className="discover">
      <h1>Discover</h1>
      {nothing && (
        <p className="discover-empty">
          Nothing to discover yet. When artists publish tracks, the newest and the most played show up here.
        </p>
      )}
      {genres.length > 0 && (
        <section aria-labelledby="discover-genres">
          <h2 id="discover-genres" className="section-title">
            Browse by genre
          </h2>
          <GenreChips genres={genres} />
        </section>
      )}
      {trending.length > 0 && (
        <section aria-labelledby="discover-trending" className="discover-section">
          <h2 id="discover-trending" className="section-title">
            Trending this week
          </h2>
          <TrackList
            tracks={trending.map((t) => t.track)}
            label="Trending this week"
            note={(track) => weekly(plays.get(track.id) ?? 0)}
          />
        </section>
      )}
      {newReleases.length > 0 && (
        <section aria-labelledby="discover-new" className="discover-section">
          <h2 id="discover-new" className="section-title">
            New releases
          </h2>
          <ul className="discover-cards">
            {newReleases.map((track) => (
              <li key={track.id} className="discover-card">
                <Artwork src={track.coverUrl} size={160} />
                <Link to={`/tracks/${track.id}`} className="discover-card-title">
                  {track.title}
                </Link>
                <span className="discover-card-meta">
                  <Link to={`/u/${encodeURIComponent(track.artist.username)}`}>
                    {track.artist.displayName ?? track.artist.username}
                  </Link>
                  <span aria-hidden="true"> · </span>
                  {formatDuration(track.durationMs)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
