import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { usePlayer, usePlayerState } from '@/features/player';
import { Artwork, formatDuration } from '@/ui';
import { playableQueue } from './playlist-queue';
import { useMovePlaylistItem, useRemovePlaylistItem } from './playlists.hooks';
import type { Playlist, PlaylistItem } from './playlists.types';

interface Props {
  playlist: Playlist;
  /** Owner or collaborator: may remove and reorder. */
  editable: boolean;
}

/**
 * The items in order. Editors reorder by dragging a row, or from the
 * keyboard: focus a row's handle and press Alt+↑/↓ (or ↑/↓ alone on the
 * handle), which is announced. Both are optimistic and send If-Match.
 */
export function PlaylistTrackList({ playlist, editable }: Props) {
  const move = useMovePlaylistItem(playlist);
  const remove = useRemovePlaylistItem(playlist);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusHandle, setFocusHandle] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const items = playlist.items;

  // A moved row is a new place in the DOM: keep the keyboard on its handle.
  useEffect(() => {
    if (!focusHandle) return;
    listRef.current?.querySelector<HTMLButtonElement>(`[data-handle="${focusHandle}"]`)?.focus();
    setFocusHandle(null);
  }, [focusHandle, items]);

  if (items.length === 0) {
    return (
      <div className="playlist-empty">
        <p className="empty-glyph" aria-hidden="true">
          ♪
        </p>
        <p>This playlist has no tracks yet.</p>
        {editable && <p className="muted">Add tracks from a track's page or the player with “Add to playlist”.</p>}
      </div>
    );
  }

  const moveTo = (item: PlaylistItem, to: number, { fromKeyboard = false } = {}) => {
    const from = items.findIndex((i) => i.id === item.id);
    const target = Math.max(0, Math.min(to, items.length - 1));
    if (from < 0 || target === from) return;
    move.mutate({ itemId: item.id, position: target });
    setAnnouncement(`${itemName(item)} moved to position ${target + 1} of ${items.length}.`);
    if (fromKeyboard) setFocusHandle(item.id);
  };

  const onHandleKey = (event: KeyboardEvent, item: PlaylistItem, index: number) => {
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (step !== 0) {
      event.preventDefault();
      moveTo(item, index + step, { fromKeyboard: true });
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveTo(item, event.key === 'Home' ? 0 : items.length - 1, { fromKeyboard: true });
    }
  };

  const onRowKey = (event: KeyboardEvent, item: PlaylistItem, index: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    moveTo(item, index + (event.key === 'ArrowUp' ? -1 : 1), { fromKeyboard: true });
  };

  const dropIndex = (event: DragEvent<HTMLLIElement>, index: number) => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY > box.top + box.height / 2 ? index + 1 : index;
  };

  return (
    <>
      {editable && (
        <p className="playlist-reorder-hint muted" id={`reorder-hint-${playlist.id}`}>
          Drag rows to reorder, or focus a row’s handle and use the arrow keys (Alt+↑/↓ anywhere in the row).
        </p>
      )}
      <ol className="playlist-items" ref={listRef} aria-label="Tracks">
        {items.map((item, index) => {
          const before = dropAt === index && dragging !== null;
          const after = dropAt === items.length && index === items.length - 1 && dragging !== null;
          return (
            <li
              key={item.id}
              className={[
                'playlist-item',
                item.available ? '' : 'unavailable',
                dragging === item.id ? 'dragging' : '',
                before ? 'drop-before' : '',
                after ? 'drop-after' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              draggable={editable}
              data-item-id={item.id}
              onKeyDown={editable ? (e) => onRowKey(e, item, index) : undefined}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', item.id);
                setDragging(item.id);
              }}
              onDragOver={(event) => {
                if (!dragging) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                setDropAt(dropIndex(event, index));
              }}
              onDrop={(event) => {
                event.preventDefault();
                const moved = items.find((i) => i.id === dragging);
                const at = dropIndex(event, index);
                if (moved) {
                  const from = items.indexOf(moved);
                  // Dropping below itself counts the gap it leaves.
                  moveTo(moved, at > from ? at - 1 : at);
                }
                setDragging(null);
                setDropAt(null);
              }}
              onDragEnd={() => {
                setDragging(null);
                setDropAt(null);
              }}
            >
              {editable && (
                <button
                  type="button"
                  className="playlist-handle"
                  data-handle={item.id}
                  aria-label={`Move ${itemName(item)}, position ${index + 1} of ${items.length}`}
                  aria-describedby={`reorder-hint-${playlist.id}`}
                  onKeyDown={(e) => onHandleKey(e, item, index)}
                >
                  <span aria-hidden="true">⠿</span>
                </button>
              )}
              <span className="playlist-item-index">{index + 1}</span>
              <ItemBody item={item} playlist={playlist} />
              {editable && (
                <button
                  type="button"
                  className="btn btn-ghost btn-sm playlist-remove"
                  aria-label={`Remove ${itemName(item)} from the playlist`}
                  onClick={() => {
                    remove.mutate(item.id);
                    setAnnouncement(`${itemName(item)} removed.`);
                  }}
                >
                  Remove
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

function ItemBody({ item, playlist }: { item: PlaylistItem; playlist: Playlist }) {
  const player = usePlayer();
  const current = usePlayerState((s) => (item.available ? s.current?.id === item.track.id : false));
  if (!item.available) {
    return (
      <span className="playlist-item-main">
        <Artwork src={null} size={40} />
        <span className="playlist-item-text">
          <span className="playlist-item-title">Unavailable track</span>
          <span className="muted">Private, removed or not ready: it is skipped.</span>
        </span>
      </span>
    );
  }
  const { track } = item;
  const playable = track.status === 'ready';
  return (
    <>
      <button
        type="button"
        className={`playlist-item-main playlist-item-play ${current ? 'current' : ''}`}
        disabled={!playable}
        aria-label={`Play ${track.title}`}
        onClick={() => {
          const queue = playableQueue(playlist);
          const start = queue.find((t) => t.id === track.id);
          if (start) player.play(start, queue);
        }}
      >
        <Artwork src={track.coverUrl} size={40} />
        <span className="playlist-item-text">
          <span className="playlist-item-title">{track.title}</span>
          <span className="muted">{track.artist.displayName ?? track.artist.username}</span>
        </span>
      </button>
      <Link className="playlist-item-link subtle-link" to={`/tracks/${track.id}`}>
        <span className="visually-hidden">Open {track.title}</span>
        <span aria-hidden="true">↗</span>
      </Link>
      <span className="playlist-item-duration muted">{formatDuration(track.durationMs)}</span>
    </>
  );
}

function itemName(item: PlaylistItem): string {
  return item.available ? item.track.title : 'Unavailable track';
}
