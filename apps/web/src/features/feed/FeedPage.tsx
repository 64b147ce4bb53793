import { Link } from 'react-router';
import { describeError } from '@/api';
import { RequireAuth } from '@/features/auth';
import { PlayToggle } from '@/features/tracks';
import { Alert, Artwork, Avatar, Button, ButtonLink, Spinner, formatDuration, timeAgo, useDocumentTitle } from '@/ui';
import { useFeed } from './feed.hooks';
import type { FeedItem, FeedPlaylist, FeedTrack } from './feed.types';
import { nameOf, repostedBy } from './reposted-by';
import './feed.css';

export function FeedPage() {
  useDocumentTitle('Feed');
  return (
    <RequireAuth>
      <Feed />
    </RequireAuth>
  );
}

function Feed() {
  const feed = useFeed();
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  const tracks = items.flatMap((i) => ('track' in i ? [i.track] : []));

  return (
    <section className="feed" aria-labelledby="feed-title">
      <header className="feed-head">
        <h1 id="feed-title">Your feed</h1>
        <p className="muted">New uploads and reposts from the people you follow, newest first.</p>
      </header>

      {feed.isPending ? (
        <Spinner label="Loading your feed…" />
      ) : feed.isError && items.length === 0 ? (
        <Alert tone="error" title="Your feed didn't load.">
          <p>{describeError(feed.error, []).formError}</p>
          <Button variant="secondary" size="sm" pending={feed.isFetching} onClick={() => void feed.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <div className="feed-empty">
          <p className="empty-glyph" aria-hidden="true">
            ♪
          </p>
          <h2>Nothing here yet</h2>
          <p className="muted">
            Follow artists and friends, and their new tracks and reposts show up here. Start with the latest tracks and
            follow the artists you like.
          </p>
          <ButtonLink to="/">Find artists to follow</ButtonLink>
        </div>
      ) : (
        <>
          <ol className="feed-list">
            {items.map((item) => (
              <FeedRow key={'track' in item ? item.track.id : item.playlist.id} item={item} queue={tracks} />
            ))}
          </ol>
          {feed.isFetchNextPageError && (
            <Alert tone="error" title="The next page didn't load.">
              {describeError(feed.error, []).formError}
            </Alert>
          )}
          {feed.hasNextPage ? (
            <div className="feed-more">
              <Button
                variant="secondary"
                pending={feed.isFetchingNextPage}
                pendingLabel="Loading…"
                onClick={() => void feed.fetchNextPage()}
              >
                Load more
              </Button>
            </div>
          ) : (
            <p className="feed-end muted">You're all caught up.</p>
          )}
        </>
      )}
    </section>
  );
}

function FeedRow({ item, queue }: { item: FeedItem; queue: FeedTrack[] }) {
  return (
    <li className="feed-item">
      <FeedContext item={item} />
      {'track' in item ? <TrackBody track={item.track} queue={queue} /> : <PlaylistBody playlist={item.playlist} />}
    </li>
  );
}

/** Why the item is here (who reposted it, or a new upload) and when. */
function FeedContext({ item }: { item: FeedItem }) {
  const reposts = repostedBy(item.repostedBy);
  return (
    <p className="feed-context">
      {reposts ? (
        <>
          <span className="feed-context-icon" aria-hidden="true">
            ↻
          </span>
          <span className="feed-avatars" aria-hidden="true">
            {reposts.named.map((u) => (
              <Avatar key={u.id} name={nameOf(u)} src={u.avatarUrl} size={20} />
            ))}
          </span>
          <span>
            Reposted by{' '}
            {reposts.named.map((u, i) => (
              <span key={u.id}>
                {i > 0 && (i === reposts.named.length - 1 && reposts.others === 0 ? ' and ' : ', ')}
                <Link to={`/u/${encodeURIComponent(u.username)}`}>{nameOf(u)}</Link>
              </span>
            ))}
            {reposts.others > 0 && ` and ${reposts.others} ${reposts.others === 1 ? 'other' : 'others'}`}
          </span>
        </>
      ) : (
        <span>New upload</span>
      )}
      <span aria-hidden="true"> · </span>
      <time dateTime={item.at} title={new Date(item.at).toLocaleString()}>
        {timeAgo(item.at)}
      </time>
    </p>
  );
}

function TrackBody({ track, queue }: { track: FeedTrack; queue: FeedTrack[] }) {
  const artist = track.artist.displayName ?? track.artist.username;
  return (
    <div className="feed-track">
      <div className="feed-art">
        <Artwork src={track.coverUrl} size={64} />
        <PlayToggle track={track} queue={queue} className="feed-play" />
      </div>
      <div className="feed-titles">
        <Link to={`/tracks/${track.id}`} className="feed-title">
          {track.title}
        </Link>
        <Link to={`/u/${encodeURIComponent(track.artist.username)}`} className="feed-artist">
          {artist}
        </Link>
      </div>
      <span className="feed-duration">{formatDuration(track.durationMs)}</span>
    </div>
  );
}

function PlaylistBody({ playlist }: { playlist: FeedPlaylist }) {
  const owner = playlist.owner.displayName ?? playlist.owner.username;
  return (
    <div className="feed-track">
      <Link to={`/playlists/${playlist.id}`} className="feed-art" aria-hidden="true" tabIndex={-1}>
        <Artwork src={playlist.coverUrl} size={64} />
      </Link>
      <div className="feed-titles">
        <span className="feed-kind">Playlist</span>
        <Link to={`/playlists/${playlist.id}`} className="feed-title">
          {playlist.title}
        </Link>
        <Link to={`/u/${encodeURIComponent(playlist.owner.username)}`} className="feed-artist">
          {owner}
        </Link>
      </div>
      <span className="feed-duration">
        {playlist.itemCount} {playlist.itemCount === 1 ? 'track' : 'tracks'}
      </span>
    </div>
  );
}
