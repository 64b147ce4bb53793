import { Link } from 'react-router';
import type { Track } from '@/api';
import { TrackList } from '@/features/tracks';
import { Avatar, Button } from '@/ui';
import type { PlaylistSummary, SearchType, SearchUser } from './search.types';

/** Results by kind: every group's first page for "All", one group otherwise (tracks have their own list). */
export function SearchResultGroups(props: {
  type: SearchType;
  tracks: Track[];
  users: SearchUser[];
  playlists: PlaylistSummary[];
  onShowAll: (type: SearchType) => void;
}) {
  const { type, tracks, users, playlists, onShowAll } = props;
  const all = type === 'all';
  return (
    <>
      {all && tracks.length > 0 && (
        <section className="search-group" aria-labelledby="search-group-tracks">
          <div className="search-group-head">
            <h2 id="search-group-tracks" className="section-title">
              Tracks
            </h2>
            <Button variant="ghost" size="sm" onClick={() => onShowAll('tracks')}>
              All tracks
            </Button>
          </div>
          <TrackList tracks={tracks} label="Tracks" />
        </section>
      )}
      {(all || type === 'users') && users.length > 0 && (
        <section className="search-group" aria-labelledby="search-group-users">
          <div className="search-group-head">
            <h2 id="search-group-users" className="section-title">
              People
            </h2>
            {all && (
              <Button variant="ghost" size="sm" onClick={() => onShowAll('users')}>
                All people
              </Button>
            )}
          </div>
          <ul className="search-people">
            {users.map((user) => (
              <li key={user.id} className="search-person">
                <Avatar name={user.displayName ?? user.username} src={user.avatarUrl} size={40} decorative />
                <span>
                  <Link to={`/u/${encodeURIComponent(user.username)}`}>{user.displayName ?? user.username}</Link>
                  <br />
                  <span className="search-muted">@{user.username}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {(all || type === 'playlists') && playlists.length > 0 && (
        <section className="search-group" aria-labelledby="search-group-playlists">
          <div className="search-group-head">
            <h2 id="search-group-playlists" className="section-title">
              Playlists
            </h2>
            {all && (
              <Button variant="ghost" size="sm" onClick={() => onShowAll('playlists')}>
                All playlists
              </Button>
            )}
          </div>
          <ul className="search-playlists">
            {playlists.map((playlist) => (
              <li key={playlist.id} className="search-playlist">
                <span>
                  <Link to={`/playlists/${playlist.id}`}>{playlist.title}</Link>
                  <br />
                  <span className="search-muted">
                    {playlist.owner.displayName ?? playlist.owner.username} · {playlist.itemCount}{' '}
                    {playlist.itemCount === 1 ? 'track' : 'tracks'}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
