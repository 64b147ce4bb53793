import { Link } from 'react-router';
import { describeError } from '@/api';
import { RequireAuth } from '@/features/auth';
import { Alert, Artwork, Button, ButtonLink, Spinner, useDocumentTitle } from '@/ui';
import { useMyPlaylists } from './playlists.hooks';
import './playlists.css';

const VISIBILITY = { public: 'Public', unlisted: 'Unlisted', private: 'Private' } as const;

/** The playlists the user owns or collaborates on. */
export function MyPlaylistsPage() {
  return (
    <RequireAuth>
      <MyPlaylists />
    </RequireAuth>
  );
}

function MyPlaylists() {
  useDocumentTitle('Your playlists');
  const mine = useMyPlaylists();
  const playlists = mine.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="my-playlists">
      <div className="playlist-heading-row">
        <h1>Your playlists</h1>
        <ButtonLink to="/playlists/new">New playlist</ButtonLink>
      </div>
      {mine.isPending ? (
        <Spinner label="Loading your playlists…" />
      ) : mine.isError ? (
        <Alert tone="error" title="We couldn't load your playlists">
          {describeError(mine.error, []).formError}
        </Alert>
      ) : playlists.length === 0 ? (
        <div className="playlist-empty">
          <p className="empty-glyph" aria-hidden="true">
            ♪
          </p>
          <h2>No playlists yet</h2>
          <p className="muted">Collect tracks in the order you like, keep them to yourself or share them.</p>
          <ButtonLink to="/playlists/new">Create your first playlist</ButtonLink>
        </div>
      ) : (
        <>
          <ul className="playlist-grid">
            {playlists.map((p) => (
              <li key={p.id}>
                <Link to={`/playlists/${p.id}`} className="playlist-card">
                  <Artwork src={p.coverUrl} size={180} />
                  <span className="playlist-card-title">{p.title}</span>
                  <span className="muted">
                    {p.itemCount} {p.itemCount === 1 ? 'track' : 'tracks'} · {VISIBILITY[p.visibility]}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {mine.hasNextPage && (
            <Button
              variant="secondary"
              pending={mine.isFetchingNextPage}
              pendingLabel="Loading…"
              onClick={() => void mine.fetchNextPage()}
            >
              Show more
            </Button>
          )}
        </>
      )}
    </div>
  );
}
