import { Link, useParams } from 'react-router';
import { describeError } from '@/api';
import { TrackList } from '@/features/tracks';
import { Alert, Button, LoadMore, Spinner, useDocumentTitle } from '@/ui';
import { useGenreTracks } from './discover.hooks';
import './discover.css';

/** Public tracks of one genre, newest first, page by page. */
export function GenrePage() {
  const { genre = '' } = useParams();
  useDocumentTitle(`${genre} – Discover`);
  const tracks = useGenreTracks(genre);
  const items = tracks.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="discover">
      <p className="discover-back">
        <Link to="/discover">← Discover</Link>
      </p>
      <h1>{genre}</h1>
      {tracks.isPending ? (
        <Spinner label="Loading tracks…" />
      ) : tracks.isError ? (
        <Alert tone="error" title="These tracks didn't load.">
          <p>{describeError(tracks.error, []).formError}</p>
          <Button variant="secondary" size="sm" pending={tracks.isFetching} onClick={() => void tracks.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <p className="discover-empty">No public tracks in {genre} yet.</p>
      ) : (
        <>
          <TrackList tracks={items} label={`${genre} tracks`} />
          <LoadMore pages={tracks} className="discover-more" />
        </>
      )}
    </div>
  );
}
