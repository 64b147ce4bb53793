import { Link } from 'react-router';
import type { Track } from '@/api';
import type { PlayableTrack } from '@/features/player';
import { AddToPlaylistButton } from '@/features/library';
import { LikeButton } from '@/features/social';
import { Artwork, formatDuration } from '@/ui';
import { PlayToggle } from './PlayToggle';
import './tracks.css';

/** A track as a card on a shelf (latest, recently played): cover with play, title, artist, like, add. */
export function TrackCard({ track, queue }: { track: Track; queue: readonly PlayableTrack[] }) {
  return (
    <li className="track-card">
      <div className="track-card-art">
        <Artwork src={track.coverUrl} size={300} />
        <PlayToggle track={track} queue={queue} className="track-card-play" />
      </div>
      <Link to={`/tracks/${track.id}`} className="track-card-title">
        {track.title}
      </Link>
      <span className="track-card-meta">
        <Link to={`/u/${track.artist.username}`}>{track.artist.displayName ?? track.artist.username}</Link>
        <span aria-hidden="true"> · </span>
        <span>{formatDuration(track.durationMs)}</span>
      </span>
      <div className="track-card-actions">
        <LikeButton track={track} />
        <AddToPlaylistButton track={track} />
      </div>
    </li>
  );
}
