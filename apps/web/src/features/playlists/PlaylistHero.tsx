import { Link, useNavigate } from 'react-router';
import { useAuth } from '@/features/auth';
import { Icon, usePlayer, usePlayerState } from '@/features/player';
import { LikeButton, RepostButton } from '@/features/social';
import { Artwork, Button, formatDuration, useToast } from '@/ui';
import { playableQueue } from './playlist-queue';
import { useDuplicatePlaylist } from './playlists.hooks';
import type { Playlist } from './playlists.types';
import { reason } from './playlist-errors';

const VISIBILITY = { public: 'Public', unlisted: 'Unlisted', private: 'Private' } as const;

export function PlaylistHero({ playlist }: { playlist: Playlist }) {
  const { user } = useAuth();
  const player = usePlayer();
  const notify = useToast();
  const navigate = useNavigate();
  const duplicate = useDuplicatePlaylist(playlist);
  const queue = playableQueue(playlist);
  const unavailable = playlist.items.length - queue.length;
  const totalMs = queue.reduce((sum, t) => sum + (t.durationMs ?? 0), 0);
  const owner = playlist.owner.displayName ?? playlist.owner.username;
  // The big button pauses and resumes while this playlist's queue is the one playing.
  const ids = queue.map((t) => t.id).join(',');
  const ours = usePlayerState((s) => s.queue.map((t) => t.id).join(',') === ids && s.current !== null);
  const playing = usePlayerState((s) => s.status === 'playing' || s.status === 'loading');

  return (
    <header className="playlist-hero">
      <Artwork src={playlist.coverUrl} size={220} className="playlist-cover" alt={`Cover of ${playlist.title}`} />
      <div className="playlist-hero-info">
        <p className="playlist-kind">
          Playlist · {VISIBILITY[playlist.visibility]}
          {playlist.viewerRole === 'collaborator' && ' · You collaborate'}
        </p>
        <h1 id="playlist-title">{playlist.title}</h1>
        <p className="playlist-owner">
          by <Link to={`/u/${playlist.owner.username}`}>{owner}</Link>
        </p>
        {playlist.description && <p className="playlist-description">{playlist.description}</p>}
        <ul className="playlist-facts">
          <li>
            {playlist.itemCount} {playlist.itemCount === 1 ? 'track' : 'tracks'}
          </li>
          {totalMs > 0 && <li>{formatDuration(totalMs)}</li>}
          {unavailable > 0 && <li>{unavailable} unavailable</li>}
        </ul>
        <div className="playlist-hero-actions">
          <button
            type="button"
            className="playlist-play"
            aria-label={`${ours && playing ? 'Pause' : 'Play'} ${playlist.title}`}
            disabled={queue.length === 0}
            onClick={() => (ours ? player.toggle() : player.play(queue[0]!, queue))}
          >
            <Icon name={ours && playing ? 'pause' : 'play'} size={30} />
          </button>
          <div className="playlist-engagement">
            <LikeButton playlist={playlist} />
            <RepostButton playlist={playlist} />
          </div>
          {user && (
            <Button
              variant="secondary"
              size="sm"
              pending={duplicate.isPending}
              pendingLabel="Duplicating…"
              onClick={() =>
                duplicate.mutate(undefined, {
                  onSuccess: (copy) => {
                    notify(`Made “${copy.title}”, private to you.`);
                    void navigate(`/playlists/${copy.id}`);
                  },
                  onError: (error) => notify(`Could not duplicate: ${reason(error)}`, 'error'),
                })
              }
            >
              Duplicate
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
