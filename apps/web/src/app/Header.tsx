import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useAuth } from '@/features/auth';
import { NotificationBell } from '@/features/notifications';
import { SearchBox } from '@/features/search';
import { ButtonLink, navEntriesFor, useScrollEdges } from '@/ui';
import { navigation } from './navigation';
import { UserMenu } from './UserMenu';

export function Header() {
  const { status, user } = useAuth();
  const items = navEntriesFor(navigation, 'header', user);
  const nav = useRef<HTMLElement>(null);
  const edges = useScrollEdges(nav);
  const { pathname } = useLocation();
  const links = items.map((item) => item.id).join(' ');
  // A narrow header scrolls its links: the current page's is brought into view, not left clipped
  // (again when signing in adds links).
  useEffect(() => {
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [pathname, links]);
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <NavLink to="/" className="logo" aria-label="Veza home">
          <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true">
            <path d="M7 9l9 15 9-15" />
          </svg>
          <span className="logo-word">Veza</span>
        </NavLink>
        <nav
          ref={nav}
          className="main-nav"
          aria-label="Main"
          data-more-before={edges.before || undefined}
          data-more-after={edges.after || undefined}
        >
          <ul>
            {items.map((item) => (
              <li key={item.id}>
                <NavLink to={item.to} end className="nav-link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox />
        <div className="header-account">
          {user ? (
            <>
              <NotificationBell />
              <UserMenu user={user} />
            </>
          ) : status === 'signedOut' ? (
            <>
              <ButtonLink to="/login" variant="ghost" size="sm">
                Log in
              </ButtonLink>
              <ButtonLink to="/signup" size="sm">
                Sign up
              </ButtonLink>
            </>
          ) : (
            <span className="account-placeholder" aria-hidden="true" />
          )}
        </div>
      </div>
    </header>
  );
}
