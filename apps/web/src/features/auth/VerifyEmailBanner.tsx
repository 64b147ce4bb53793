import { useLocation } from 'react-router';
import { useAuth } from './auth.hooks';
import { ResendVerificationButton } from './ResendVerificationButton';

export function VerifyEmailBanner() {
  const { user } = useAuth();
  const { pathname } = useLocation();
  // The verification page says the same thing, bigger.
  if (!user || user.emailVerified || pathname === '/verify-email') return null;
  return (
    <div className="verify-banner" role="region" aria-label="E-mail verification">
      <p>
        <strong>Verify your e-mail.</strong> We sent a link to {user.email}.
      </p>
      <ResendVerificationButton size="sm" />
    </div>
  );
}
