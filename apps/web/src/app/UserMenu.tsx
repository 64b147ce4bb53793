import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '@/api';
import { useLogout } from '@/features/auth';
import { Avatar, navEntriesFor, useToast } from '@/ui';
import { navigation } from './navigation';

interface MenuCommand {
  id: string;
  label: string;
  perform: () => void;
}

/** The signed-in user's menu: a menu button with arrow-key navigation. */
export function UserMenu({ user }: { user: Me }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const menuId = useId();
  const navigate = useNavigate();
  const logout = useLogout();
  const notify = useToast();
  const name = user.displayName ?? user.username;

  const commands: MenuCommand[] = [
    ...navEntriesFor(navigation, 'account', user).map((entry) => ({
      id: entry.id,
      label: entry.label,
      perform: () => void navigate(entry.to),
    })),
    {
      id: 'logout',
      label: 'Log out',
      // Logging out unmounts this menu, and callbacks given to mutate() die with it: await instead.
      perform: () =>
        void logout
          .mutateAsync()
          .catch(() => undefined)
          .finally(() => {
            notify('You are logged out. See you soon!', 'info');
            void navigate('/');
          }),
    },
  ];

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[focusIndex]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function openAt(index: number) {
    setFocusIndex(index);
    setOpen(true);
  }

  function close({ restoreFocus }: { restoreFocus: boolean }) {
    setOpen(false);
    if (restoreFocus) buttonRef.current?.focus();
  }

  function onButtonKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(commands.length - 1);
    }
  }

  function onMenuKey(event: KeyboardEvent) {
    const last = commands.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: focusIndex === last ? 0 : focusIndex + 1,
      ArrowUp: focusIndex === 0 ? last : focusIndex - 1,
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setFocusIndex(target);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close({ restoreFocus: true });
    } else if (event.key === 'Tab') {
      close({ restoreFocus: false });
    }
  }

  function run(command: MenuCommand) {
    close({ restoreFocus: true });
    command.perform();
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close({ restoreFocus: false }) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        <Avatar name={name} src={user.avatarUrl} size={32} decorative />
        <span className="user-menu-name">{name}</span>
        <span className="visually-hidden">: account menu</span>
        <span className="chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <ul id={menuId} ref={menuRef} role="menu" aria-label="Account" className="menu" onKeyDown={onMenuKey}>
          <li role="presentation" className="menu-header">
            <span className="menu-name">{name}</span>
            <span className="menu-handle">@{user.username}</span>
          </li>
          {commands.map((command, index) => (
            <li key={command.id} role="presentation">
              <button
                type="button"
                role="menuitem"
                tabIndex={index === focusIndex ? 0 : -1}
                className={command.id === 'logout' ? 'menu-item menu-item-danger' : 'menu-item'}
                onClick={() => run(command)}
              >
                {command.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
