import { useState } from 'react';
import { Link } from 'react-router';
import { describeError, type Track } from '@/api';
import { AddToPlaylistButton } from '@/features/library';
import type { PlayableTrack } from '@/features/player';
import { LikeButton } from '@/features/social';
import { Artwork, Button, formatDuration, formatPlays, useToast } from '@/ui';
import { EditTrackForm } from './EditTrackForm';
import { PlayToggle } from './PlayToggle';
import { visibilityLabel } from './track-fields';
import { TrackStatusBadge } from './TrackStatusBadge';
import { useDeleteTrack, useDownloadOriginal, useRetryTrack } from './tracks.hooks';

const added = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });

type Panel = 'none' | 'edit' | 'delete';

/** One track on "My tracks": what it is, where processing stands, and what its artist can do with it. */
export function TrackRow({ track, queue }: { track: Track; queue: readonly PlayableTrack[] }) {
  const [panel, setPanel] = useState<Panel>('none');
  const retry = useRetryTrack();
  const remove = useDeleteTrack();
  const download = useDownloadOriginal();
  const notify = useToast();
  const fail = (error: unknown) => notify(describeError(error, []).formError ?? 'That did not work.', 'error');
  // Each row repeats Edit, Delete…: the hidden title tells screen reader users which track they act on.
  const hidden = <span className="visually-hidden">{track.title}</span>;

  return (
    <li className={`track-row track-row-${track.status}`}>
      <div className="track-row-main">
        <div className="track-row-art">
          <Artwork src={track.coverUrl} size={56} />
          {track.status === 'ready' && <PlayToggle track={track} queue={queue} className="track-row-play" />}
        </div>
        <div className="track-row-titles">
          <Link to={`/tracks/${track.id}`} className="track-row-title">
            {track.title}
          </Link>
          <span className="track-row-meta">
            {[track.genre, `Added ${added.format(new Date(track.createdAt))}`].filter(Boolean).join(' · ')}
          </span>
        </div>
        <div className="track-row-status">
          <TrackStatusBadge track={track} />
        </div>
        <dl className="track-row-facts">
          <div>
            <dt className="visually-hidden">Visibility</dt>
            <dd className={`track-visibility track-visibility-${track.visibility}`}>
              {visibilityLabel(track.visibility)}
            </dd>
          </div>
          <div>
            <dt className="visually-hidden">Duration</dt>
            <dd>{track.durationMs ? formatDuration(track.durationMs) : '–:––'}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Plays</dt>
            <dd>{formatPlays(track.playCount)}</dd>
          </div>
        </dl>
        <div className="track-row-actions">
          {track.status === 'ready' && (
            <>
              <LikeButton track={track} />
              <AddToPlaylistButton track={track} />
            </>
          )}
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={panel === 'edit'}
            onClick={() => setPanel(panel === 'edit' ? 'none' : 'edit')}
          >
            Edit {hidden}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            pending={download.isPending}
            pendingLabel="Downloading…"
            title="Download the file you uploaded"
            onClick={() => download.mutate({ id: track.id }, { onError: fail })}
          >
            Original {hidden}
          </Button>
          <Button variant="ghost" size="sm" className="danger-text" onClick={() => setPanel('delete')}>
            Delete {hidden}
          </Button>
        </div>
      </div>

      {track.status === 'failed' && (
        <div className="track-row-failure" role="status">
          <p>
            <strong>Processing failed.</strong> {track.statusMessage ?? 'Something went wrong while processing.'}
          </p>
          <div className="button-row">
            <Button
              size="sm"
              variant="secondary"
              pending={retry.isPending}
              pendingLabel="Retrying…"
              onClick={() => retry.mutate(track.id, { onError: fail })}
            >
              Retry {hidden}
            </Button>
            <Button size="sm" variant="danger" onClick={() => setPanel('delete')}>
              Delete {hidden}
            </Button>
          </div>
        </div>
      )}

      {panel === 'edit' && <EditTrackForm track={track} onDone={() => setPanel('none')} />}

      {panel === 'delete' && (
        <div className="track-row-confirm" role="alertdialog" aria-label={`Delete ${track.title}?`}>
          <p>
            Delete <strong>{track.title}</strong>? Its audio, cover and play count go with it. This can't be undone.
          </p>
          <div className="button-row">
            <Button
              size="sm"
              variant="danger"
              pending={remove.isPending}
              pendingLabel="Deleting…"
              autoFocus
              onClick={() =>
                remove.mutate(track.id, {
                  onSuccess: () => notify(`“${track.title}” deleted.`),
                  onError: fail,
                })
              }
            >
              Delete track
            </Button>
            <Button size="sm" variant="ghost" disabled={remove.isPending} onClick={() => setPanel('none')}>
              Keep it
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
