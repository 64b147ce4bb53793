import type { Track } from '@/api';
import { ProgressBar } from '@/ui';

/** Where a track is in processing: a live percent bar, "Ready", or "Failed". */
export function TrackStatusBadge({ track }: { track: Pick<Track, 'title' | 'status' | 'progress'> }) {
  switch (track.status) {
    case 'processing':
      return (
        <span className="track-status">
          <span className="badge badge-info">Processing {track.progress}%</span>
          <ProgressBar value={track.progress} label={`Processing ${track.title}`} className="track-status-bar" />
        </span>
      );
    case 'ready':
      return <span className="badge badge-ok">Ready</span>;
    case 'failed':
      return <span className="badge badge-danger">Failed</span>;
  }
}
