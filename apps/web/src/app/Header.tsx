import { NavLink } from 'react-router';
import type { Role } from '@/api';
import { useAuth } from '@/features/auth';
import { ButtonLink } from '@/ui';
import { UserMenu } from './UserMenu';

interface NavItem {
  to: string;
  label: string;
  /** Shown only to signed-in users. */
  signedIn?: boolean;
  /** Shown only to these roles. */
  roles?: readonly Role[];
}

// Features add their entries here as they land (Library, Search…).
const NAV: NavItem[] = [
  { to: '/', label: 'Home' },
  { to: '/me/tracks', label: 'My tracks', roles: ['artist', 'admin'] },
  // Listeners see it too: the page explains how to become an artist.
  { to: '/upload', label: 'Upload', signedIn: true },
];

export function Header() {
  const { status, user } = useAuth();
  const items = NAV.filter(
    (item) => (!item.signedIn || user) && (!item.roles || (user && item.roles.includes(user.role))),
  );
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <NavLink to="/" className="logo" aria-label="Veza home">
          <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true">
            <path d="M7 9l9 15 9-15" />
          </svg>
          <span className="logo-word">Veza</span>
        </NavLink>
        <nav className="main-nav" aria-label="Main">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end className="nav-link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-account">
          {user ? (
            <UserMenu user={user} />
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
