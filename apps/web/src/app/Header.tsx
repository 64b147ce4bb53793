import { NavLink } from 'react-router';
import { useAuth } from '@/features/auth';
import { NotificationBell } from '@/features/notifications';
import { SearchBox } from '@/features/search';
import { ButtonLink, navEntriesFor } from '@/ui';
import { navigation } from './navigation';
import { UserMenu } from './UserMenu';

export function Header() {
  const { status, user } = useAuth();
  const items = navEntriesFor(navigation, 'header', user);
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
