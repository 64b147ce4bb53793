import { useState } from 'react';
import { TrackListItem } from '@/features/tracks';
import { refusalReason } from '@/features/social';
import { Button, ButtonLink, LoadMore, Spinner, useToast } from '@/ui';
import { LibraryEmpty } from './LibraryEmpty';
import { LoadFailed } from './LoadFailed';
import { useClearHistory, useMyHistory } from './library.hooks';
import { playedAt } from './library.format';

/** What the caller played, newest first, with "Clear history" behind a confirmation. */
export function HistoryTab() {
  const history = useMyHistory();
  const clear = useClearHistory();
  const notify = useToast();
  const [confirming, setConfirming] = useState(false);
  if (history.isPending) return <Spinner label="Loading your history…" />;
  if (history.isError) {
    return (
      <LoadFailed
        what="history"
        error={history.error}
        retry={() => void history.refetch()}
        retrying={history.isFetching}
      />
    );
  }
  const entries = history.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return (
      <LibraryEmpty glyph="◷" title="Nothing played yet">
        <p>Tracks you listen to show up here, so you can find them again.</p>
        <ButtonLink to="/" variant="secondary" size="sm">
          Start listening
        </ButtonLink>
      </LibraryEmpty>
    );
  }
  const queue = entries.map((e) => e.track);
  return (
    <>
      <div className="library-toolbar">
        {confirming ? (
          <div className="library-confirm" role="alertdialog" aria-label="Clear your listening history?">
            <p>Clear your whole listening history? Artists keep their play counts; this can't be undone.</p>
            <div className="button-row">
              <Button
                size="sm"
                variant="danger"
                autoFocus
                pending={clear.isPending}
                pendingLabel="Clearing…"
                onClick={() =>
                  clear.mutate(undefined, {
                    onSuccess: () => {
                      setConfirming(false);
                      notify('Your listening history is cleared.');
                    },
                    onError: (error) => notify(`Couldn't clear your history: ${refusalReason(error)}`, 'error'),
                  })
                }
              >
                Clear history
              </Button>
              <Button size="sm" variant="ghost" disabled={clear.isPending} onClick={() => setConfirming(false)}>
                Keep it
              </Button>
            </div>
          </div>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
            Clear history…
          </Button>
        )}
      </div>
      <ul className="track-items" aria-label="Recently played">
        {entries.map((entry) => (
          <TrackListItem
            key={entry.id}
            track={entry.track}
            queue={queue}
            note={<time dateTime={entry.playedAt}>{playedAt(entry.playedAt)}</time>}
          />
        ))}
      </ul>
      <LoadMore pages={history} className="library-more" />
    </>
  );
}
