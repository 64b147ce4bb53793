import { useLocation } from 'react-router';
import { useApi } from '@/api';
import { Button, ButtonLink } from '@/ui';
import { useSessionSnapshot } from './auth.hooks';

/** Says that a session ended (expired, revoked, ended in another tab) instead of silently showing a signed-out page. */
export function SessionEndedBanner() {
  const { session } = useApi();
  const { ended } = useSessionSnapshot();
  const { pathname, search } = useLocation();
  if (!ended) return null;
  const next = pathname === '/login' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
  return (
    <div className="verify-banner" role="alert" aria-label="Session ended">
      <p>
        <strong>Your session has ended.</strong> Log in again to carry on where you were.
      </p>
      {pathname !== '/login' && (
        <ButtonLink to={`/login${next}`} size="sm" onClick={() => session.acknowledgeEnded()}>
          Log in
        </ButtonLink>
      )}
      <Button variant="ghost" size="sm" onClick={() => session.acknowledgeEnded()}>
        Dismiss
      </Button>
    </div>
  );
}
