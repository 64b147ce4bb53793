import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Track } from '@/api';
import { Artwork, formatDuration, formatPlays } from '@/ui';
import { PlayToggle } from './PlayToggle';
import './track-list.css';

/**
 * Tracks as a compact list (search results, discover, profile tabs): play,
 * title, artist, duration and plays. Playing one queues the rest of the list
 * after it. `note` adds a line under a track ("9 plays this week").
 */
export function TrackList({
  tracks,
  label,
  note,
}: {
  tracks: readonly Track[];
  label: string;
  note?: (track: Track, index: number) => ReactNode;
}) {
  return (
    <ol className="track-list" aria-label={label}>
      {tracks.map((track, index) => (
        <li key={track.id} className="track-list-item">
          <div className="track-list-art">
            <Artwork src={track.coverUrl} size={48} />
            <PlayToggle track={track} queue={tracks} className="track-list-play" />
          </div>
          <div className="track-list-titles">
            <Link to={`/tracks/${track.id}`} className="track-list-title">
              {track.title}
            </Link>
            <span className="track-list-meta">
              <Link to={`/u/${encodeURIComponent(track.artist.username)}`}>
                {track.artist.displayName ?? track.artist.username}
              </Link>
              {track.genre && <span> · {track.genre}</span>}
              {note && <span> · {note(track, index)}</span>}
            </span>
          </div>
          <span className="track-list-fact">{formatDuration(track.durationMs)}</span>
          <span className="track-list-fact track-list-plays">{formatPlays(track.playCount)}</span>
        </li>
      ))}
    </ol>
  );
}
