import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useAuth } from '@/features/auth';
import { useSignInFirst } from '@/features/social';
import { NewPlaylistForm } from './NewPlaylistForm';
import { useMyPlaylists } from './library.hooks';
import { useAddToPlaylist, type AddedTrack, type PlaylistSummary } from './playlist-add.hooks';
import './library.css';

interface AddToPlaylistButtonProps {
  track: AddedTrack;
  /** The player bar's button sits at the left edge: its menu opens to the right. */
  align?: 'end' | 'start';
  className?: string;
}

/** Room the menu needs with its inline form open; with less below the button, it opens upwards. */
const MENU_HEIGHT = 380;

/**
 * "Add to playlist": a menu button listing the caller's playlists, with
 * "New playlist…" at the end. Arrows move, Home/End jump, Escape closes and
 * gives focus back to the button.
 */
export function AddToPlaylistButton({ track, align = 'end', className = '' }: AddToPlaylistButtonProps) {
  const { user } = useAuth();
  const signIn = useSignInFirst();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const [upwards, setUpwards] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const playlists = useMyPlaylists({ enabled: open });
  const add = useAddToPlaylist();
  const items = playlists.data?.items ?? [];
  // The playlists, then "New playlist…".
  const count = items.length + 1;

  useEffect(() => {
    if (!open || creating) return;
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[focusIndex]?.focus();
  }, [open, creating, focusIndex, items.length]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close({ restoreFocus: false });
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close({ restoreFocus }: { restoreFocus: boolean }) {
    setOpen(false);
    setCreating(false);
    if (restoreFocus) buttonRef.current?.focus();
  }

  function openMenu() {
    if (!user) return signIn();
    const box = buttonRef.current?.getBoundingClientRect();
    const below = box ? window.innerHeight - box.bottom : Infinity;
    setUpwards(below < MENU_HEIGHT && (box?.top ?? 0) > below);
    setFocusIndex(0);
    setOpen(true);
  }

  function pick(playlist: PlaylistSummary) {
    close({ restoreFocus: true });
    add.mutate({ playlist, track });
  }

  function onMenuKey(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close({ restoreFocus: true });
      return;
    }
    if (creating) return;
    const last = count - 1;
    const moves: Record<string, number> = {
      ArrowDown: focusIndex >= last ? 0 : focusIndex + 1,
      ArrowUp: focusIndex <= 0 ? last : focusIndex - 1,
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setFocusIndex(target);
    } else if (event.key === 'Tab') {
      close({ restoreFocus: false });
    }
  }

  return (
    <div className={`library-add ${className}`} ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="library-add-button"
        aria-label={`Add “${track.title}” to a playlist`}
        title="Add to playlist"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close({ restoreFocus: false }) : openMenu())}
        onKeyDown={(event) => {
          if (!open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
            event.preventDefault();
            openMenu();
          }
        }}
      >
        <svg viewBox="0 0 24 24" width={20} height={20} aria-hidden="true" focusable="false">
          <path d="M3 6h12v2H3zM3 11h12v2H3zM3 16h8v2H3zM18 13v-3h-2v3h-3v2h3v3h2v-3h3v-2z" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <div
          id={menuId}
          ref={menuRef}
          role="menu"
          aria-label={`Add “${track.title}” to…`}
          className={`menu library-add-menu library-add-menu-${upwards ? 'up' : 'down'} ${
            align === 'start' ? 'library-add-menu-start' : ''
          }`}
          onKeyDown={onMenuKey}
        >
          <p className="library-add-heading" role="presentation">
            Add to playlist
          </p>
          {playlists.isPending && (
            <p className="library-add-note" role="presentation">
              Loading your playlists…
            </p>
          )}
          {playlists.isError && (
            <p className="library-add-note" role="presentation">
              Your playlists didn't load. You can still make a new one.
            </p>
          )}
          {playlists.isSuccess && items.length === 0 && (
            <p className="library-add-note" role="presentation">
              No playlists yet.
            </p>
          )}
          <div className="library-add-list" role="presentation">
            {items.map((playlist, index) => (
              <button
                key={playlist.id}
                type="button"
                role="menuitem"
                tabIndex={index === focusIndex ? 0 : -1}
                className="menu-item library-add-item"
                onClick={() => pick(playlist)}
              >
                <span className="library-add-title">{playlist.title}</span>
                <span className="library-add-count">
                  {playlist.itemCount} {playlist.itemCount === 1 ? 'track' : 'tracks'}
                  {user && playlist.owner.id !== user.id && ' · shared'}
                </span>
              </button>
            ))}
          </div>
          {creating ? (
            <NewPlaylistForm
              onCancel={() => {
                setCreating(false);
                setFocusIndex(items.length);
              }}
              onCreated={pick}
            />
          ) : (
            <button
              type="button"
              role="menuitem"
              tabIndex={focusIndex === items.length ? 0 : -1}
              className="menu-item library-add-new"
              onClick={() => setCreating(true)}
            >
              <span aria-hidden="true">+ </span>New playlist…
            </button>
          )}
        </div>
      )}
    </div>
  );
}
