import { Link } from 'react-router';
import { useAuth } from '@/features/auth';
import { Spinner } from '@/ui';
import { LibraryEmpty } from './LibraryEmpty';
import { LoadFailed } from './LoadFailed';
import { useMyPlaylists } from './library.hooks';
import { shortDate } from './library.format';

const VISIBILITY = { public: 'Public', unlisted: 'Unlisted', private: 'Private' } as const;

/** The playlists the caller owns and those they were invited to edit. */
export function PlaylistsTab() {
  const { user } = useAuth();
  const playlists = useMyPlaylists();
  if (playlists.isPending) return <Spinner label="Loading your playlists…" />;
  if (playlists.isError) {
    return (
      <LoadFailed
        what="playlists"
        error={playlists.error}
        retry={() => void playlists.refetch()}
        retrying={playlists.isFetching}
      />
    );
  }
  const items = playlists.data.items;
  if (items.length === 0) {
    return (
      <LibraryEmpty glyph="☰" title="No playlists yet">
        <p>
          Use <strong>Add to playlist</strong> on any track and choose “New playlist…”. Playlists others share with you
          show up here too.
        </p>
      </LibraryEmpty>
    );
  }
  return (
    <ul className="library-playlists" aria-label="Your playlists">
      {items.map((playlist) => {
        const shared = playlist.owner.id !== user?.id;
        const owner = playlist.owner.displayName ?? playlist.owner.username;
        return (
          <li key={playlist.id} className="library-playlist">
            <span className="library-playlist-art" aria-hidden="true">
              ♫
            </span>
            <div className="library-playlist-titles">
              <Link to={`/playlists/${playlist.id}`} className="library-playlist-title">
                {playlist.title}
              </Link>
              <span className="library-playlist-meta">
                {[
                  `${playlist.itemCount} ${playlist.itemCount === 1 ? 'track' : 'tracks'}`,
                  VISIBILITY[playlist.visibility],
                  `Updated ${shortDate(playlist.updatedAt)}`,
                ].join(' · ')}
              </span>
            </div>
            {shared && <span className="badge library-playlist-shared">Collaborative · by {owner}</span>}
          </li>
        );
      })}
    </ul>
  );
}
