import { Link, useParams } from 'react-router';
import { ApiError, describeError, type TrackDetail } from '@/api';
import { useAuth } from '@/features/auth';
import { TrackComments, WaveformMarkers } from '@/features/comments';
import { AddToPlaylistButton } from '@/features/library';
import { Scrubber, Waveform, usePlayer, usePlayerState } from '@/features/player';
import { LikeButton, RepostButton } from '@/features/social';
import { Alert, Artwork, ButtonLink, Spinner, formatDuration, formatPlays, useDocumentTitle } from '@/ui';
import { CopyLinkButton } from './CopyLinkButton';
import { PlayToggle } from './PlayToggle';
import { visibilityLabel } from './track-fields';
import { TrackStatusBadge } from './TrackStatusBadge';
import { useTrack } from './tracks.hooks';
import './tracks.css';

export function TrackPage() {
  const { id = '' } = useParams();
  const track = useTrack(id);
  const shown = track.data;
  useDocumentTitle(
    shown
      ? `${shown.title} by ${shown.artist.displayName ?? shown.artist.username}`
      : track.isError
        ? 'Track not available'
        : 'Track',
  );
  if (track.isPending) return <Spinner label="Loading track…" />;
  if (track.isError) {
    if (track.error instanceof ApiError && (track.error.status === 404 || track.error.status === 400)) {
      return <NoSuchTrack />;
    }
    return (
      <div className="track-missing">
        <Alert tone="error" title="We couldn't load this track">
          {describeError(track.error, []).formError}
        </Alert>
      </div>
    );
  }
  return <TrackView track={track.data} />;
}

function TrackView({ track }: { track: TrackDetail }) {
  const { user } = useAuth();
  const player = usePlayer();
  const isCurrent = usePlayerState((s) => s.current?.id === track.id);
  const positionMs = usePlayerState((s) => (s.current?.id === track.id ? s.positionMs : 0));
  const playerDuration = usePlayerState((s) => (s.current?.id === track.id ? s.durationMs : 0));
  const durationMs = playerDuration || track.durationMs || 0;
  const artist = track.artist.displayName ?? track.artist.username;
  const ready = track.status === 'ready';
  const isOwner = user?.id === track.artist.id;

  // Seeking the track that plays moves the player; on any other, playback starts from there.
  const seek = (ms: number) => (isCurrent ? player.seek(ms) : player.play(track, undefined, { startMs: ms }));

  return (
    <article className="track-page" aria-labelledby="track-title">
      <header className="track-hero">
        <Artwork src={track.coverUrl} size={220} className="track-cover" alt={`Cover of ${track.title}`} />
        <div className="track-hero-info">
          <p className="track-kind">
            Track{track.visibility !== 'public' && ` · ${visibilityLabel(track.visibility)}`}
          </p>
          <h1 id="track-title">{track.title}</h1>
          <p className="track-artist">
            by <Link to={`/u/${track.artist.username}`}>{artist}</Link>
          </p>
          <div className="track-hero-actions">
            {ready ? <PlayToggle track={track} size="lg" /> : <TrackStatusBadge track={track} />}
            <ul className="track-facts">
              <li>{formatDuration(track.durationMs)}</li>
              <li>{formatPlays(track.playCount)}</li>
              {track.genre && <li>{track.genre}</li>}
            </ul>
            {ready && (
              <div className="track-social">
                <LikeButton track={track} />
                <RepostButton track={track} />
                <AddToPlaylistButton track={track} />
              </div>
            )}
            {track.visibility !== 'private' && <CopyLinkButton path={`/tracks/${track.id}`} />}
            {isOwner && (
              <ButtonLink to="/me/tracks" variant="ghost" size="sm" className="track-manage">
                Manage in My tracks
              </ButtonLink>
            )}
          </div>
        </div>
      </header>

      {ready && track.waveform && (
        <section className="track-wave" aria-label="Waveform">
          <Scrubber
            label={`Seek in ${track.title}`}
            className="track-wave-scrubber"
            valueMs={positionMs}
            durationMs={durationMs}
            onSeek={seek}
          >
            {(fraction) => <Waveform peaks={track.waveform ?? []} fraction={fraction} />}
          </Scrubber>
          <WaveformMarkers trackId={track.id} durationMs={durationMs} onSeek={seek} />
          <div className="track-wave-times">
            <span>{formatDuration(positionMs)}</span>
            <span>{formatDuration(durationMs)}</span>
          </div>
        </section>
      )}

      {track.status === 'failed' && (
        <Alert tone="error" title="Processing failed">
          {track.statusMessage ?? 'Retry it from My tracks, or upload the file again.'}
        </Alert>
      )}

      {(track.description || track.tags.length > 0) && (
        <section className="track-about" aria-label="About this track">
          {track.description && <p className="track-description">{track.description}</p>}
          {track.tags.length > 0 && (
            <ul className="track-tag-list" aria-label="Tags">
              {track.tags.map((tag) => (
                <li key={tag} className="track-tag">
                  #{tag}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {ready && <TrackComments track={track} onSeek={seek} />}
    </article>
  );
}

function NoSuchTrack() {
  return (
    <div className="track-missing">
      <p className="empty-glyph" aria-hidden="true">
        ♪
      </p>
      <h1>This track isn't available</h1>
      <p className="muted">It may have been removed or made private, or the link may be wrong.</p>
      <ButtonLink to="/">Back to home</ButtonLink>
    </div>
  );
}
