import { useAuth } from '@/features/auth';
import { usePlaylistRelations, useToggleEngagement } from './playlist-engagement.hooks';
import type { Playlist } from './playlists.types';

/** Like and repost, pressed at once and rolled back with a toast if the server refuses. */
export function PlaylistEngagementButtons({ playlist }: { playlist: Playlist }) {
  const { user } = useAuth();
  const signedIn = user !== null;
  const relations = usePlaylistRelations(playlist.id, signedIn);
  const like = useToggleEngagement(playlist, 'like');
  const repost = useToggleEngagement(playlist, 'repost');
  const liked = relations.data?.liked ?? false;
  const reposted = relations.data?.reposted ?? false;
  // Reposts share someone else's public playlist with your followers.
  const canRepost = user !== null && playlist.owner.id !== user.id && (playlist.visibility === 'public' || reposted);

  if (!signedIn) {
    return (
      <ul className="playlist-counts">
        <li>{countLabel(playlist.likeCount, 'like')}</li>
        <li>{countLabel(playlist.repostCount, 'repost')}</li>
      </ul>
    );
  }
  return (
    <div className="playlist-engagement">
      <button
        type="button"
        className={`playlist-engage-button ${liked ? 'on' : ''}`}
        aria-pressed={liked}
        disabled={relations.isPending}
        onClick={() => like.mutate(!liked)}
      >
        <span aria-hidden="true">{liked ? '♥' : '♡'}</span> {liked ? 'Liked' : 'Like'}
        <span className="playlist-engage-count" aria-label={countLabel(playlist.likeCount, 'like')}>
          {playlist.likeCount}
        </span>
      </button>
      {canRepost ? (
        <button
          type="button"
          className={`playlist-engage-button ${reposted ? 'on' : ''}`}
          aria-pressed={reposted}
          disabled={relations.isPending}
          onClick={() => repost.mutate(!reposted)}
        >
          <span aria-hidden="true">⟲</span> {reposted ? 'Reposted' : 'Repost'}
          <span className="playlist-engage-count" aria-label={countLabel(playlist.repostCount, 'repost')}>
            {playlist.repostCount}
          </span>
        </button>
      ) : (
        <span className="muted playlist-engage-static">{countLabel(playlist.repostCount, 'repost')}</span>
      )}
    </div>
  );
}

function countLabel(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
