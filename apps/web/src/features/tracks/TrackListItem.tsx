import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Track } from '@/api';
import type { PlayableTrack } from '@/features/player';
import { AddToPlaylistButton } from '@/features/library';
import { LikeButton } from '@/features/social';
import { Artwork, formatDuration } from '@/ui';
import { PlayToggle } from './PlayToggle';
import './tracks.css';

interface TrackListItemProps {
  track: Track;
  queue?: readonly PlayableTrack[];
  /** A line under the artist: when it was liked or played. */
  note?: ReactNode;
}

/** One track in a listener's list (likes, history, search): play, who made it, like, add to a playlist. */
export function TrackListItem({ track, queue, note }: TrackListItemProps) {
  const artist = track.artist.displayName ?? track.artist.username;
  return (
    <li className="track-item">
      <div className="track-item-art">
        <Artwork src={track.coverUrl} size={48} />
        <PlayToggle track={track} queue={queue} className="track-item-play" />
      </div>
      <div className="track-item-titles">
        <Link to={`/tracks/${track.id}`} className="track-item-title">
          {track.title}
        </Link>
        <span className="track-item-meta">
          <Link to={`/u/${track.artist.username}`}>{artist}</Link>
          {note && (
            <>
              <span aria-hidden="true"> · </span>
              {note}
            </>
          )}
        </span>
      </div>
      <span className="track-item-duration">{track.durationMs ? formatDuration(track.durationMs) : '–:––'}</span>
      <div className="track-item-actions">
        <LikeButton track={track} />
        <AddToPlaylistButton track={track} />
      </div>
    </li>
  );
}
