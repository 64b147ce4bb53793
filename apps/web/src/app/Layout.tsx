import { Suspense, type ReactNode } from 'react';
import { Outlet, useNavigation } from 'react-router';
import { SessionEndedBanner, VerifyEmailBanner } from '@/features/auth';
import { PlayerBar, PlayerProvider } from '@/features/player';
import { Spinner } from '@/ui';
import { Header } from './Header';

/** The frame around every page: header, main content, and the player bar that outlives navigation. */
export function Layout({ children }: { children?: ReactNode }) {
  const navigation = useNavigation();
  return (
    <PlayerProvider>
      <div className="app-shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {navigation.state === 'loading' && (
          <div className="route-progress" role="progressbar" aria-label="Loading page" />
        )}
        <Header />
        <SessionEndedBanner />
        <VerifyEmailBanner />
        <main id="main" className="main" tabIndex={-1}>
          <Suspense fallback={<Spinner />}>{children ?? <Outlet />}</Suspense>
        </main>
        <footer className="site-footer">
          <p>Veza — an open music platform.</p>
        </footer>
        {/* Outside the routed outlet: pages come and go, the bar (and its <audio>) stays. */}
        <div id="player-slot" className="player-slot" aria-label="Player" role="region">
          <PlayerBar />
        </div>
      </div>
    </PlayerProvider>
  );
}
