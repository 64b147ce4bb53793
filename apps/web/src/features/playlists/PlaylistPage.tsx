import { useParams } from 'react-router';
import { ApiError, describeError } from '@/api';
import { Alert, ButtonLink, Spinner, useDocumentTitle } from '@/ui';
import { PlaylistHero } from './PlaylistHero';
import { PlaylistSettings } from './PlaylistSettings';
import { PlaylistTrackList } from './PlaylistTrackList';
import { usePlaylist } from './playlists.hooks';
import './playlists.css';

export function PlaylistPage() {
  const { id = '' } = useParams();
  const playlist = usePlaylist(id);
  useDocumentTitle(playlist.data ? playlist.data.title : playlist.isError ? 'Playlist not available' : 'Playlist');
  if (playlist.isPending) return <Spinner label="Loading playlist…" />;
  if (playlist.isError) {
    if (playlist.error instanceof ApiError && (playlist.error.status === 404 || playlist.error.status === 400)) {
      return <NoSuchPlaylist />;
    }
    return (
      <div className="playlist-missing">
        <Alert tone="error" title="We couldn't load this playlist">
          {describeError(playlist.error, []).formError}
        </Alert>
      </div>
    );
  }
  const shown = playlist.data;
  const editable = shown.viewerRole !== null;
  return (
    <article className="playlist-page" aria-labelledby="playlist-title">
      <PlaylistHero playlist={shown} />
      <section className="playlist-tracks" aria-label="Tracks">
        <PlaylistTrackList playlist={shown} editable={editable} />
      </section>
      {shown.viewerRole === 'owner' && <PlaylistSettings playlist={shown} />}
    </article>
  );
}

function NoSuchPlaylist() {
  return (
    <div className="playlist-missing">
      <p className="empty-glyph" aria-hidden="true">
        ♪
      </p>
      <h1>This playlist isn't available</h1>
      <p className="muted">It may have been deleted or made private, or the link may be wrong.</p>
      <ButtonLink to="/me/playlists">Your playlists</ButtonLink>
    </div>
  );
}
