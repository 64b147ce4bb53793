import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { describeError, unwrap, useApi } from '@/api';
import { Alert, ButtonLink, Spinner } from '@/ui';
import { AuthCard } from './AuthCard';
import { authKeys } from './auth.keys';
import { ME_KEY, useAuth } from './auth.hooks';
import { ResendVerificationButton } from './ResendVerificationButton';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <VerifyToken token={token} /> : <CheckInbox />;
}

/** Shown right after sign-up: the link is on its way. */
function CheckInbox() {
  const location = useLocation();
  const { status, user } = useAuth();
  const email = (location.state as { email?: string } | null)?.email ?? user?.email;
  return (
    <AuthCard title="Check your inbox" subtitle="One last step to confirm it's you.">
      <div className="auth-inbox-illustration" aria-hidden="true">
        ✉
      </div>
      <p className="auth-text">
        We sent a verification link to {email ? <strong>{email}</strong> : 'your e-mail address'}. Open it to verify
        your account. The link may take a minute to arrive; check your spam folder too.
      </p>
      <div className="auth-actions">
        {status === 'signedIn' ? (
          <>
            <ButtonLink to="/">Continue to Veza</ButtonLink>
            <ResendVerificationButton />
          </>
        ) : (
          <ButtonLink to="/login">Log in</ButtonLink>
        )}
      </div>
    </AuthCard>
  );
}

/** Opened from the e-mail: verifies on load, once. */
function VerifyToken({ token }: { token: string }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const { status } = useAuth();
  // A query rather than an effect: it runs once per token even under
  // StrictMode's double mount, and single-use tokens must not be sent twice.
  const verify = useQuery({
    queryKey: authKeys.verifyEmail(token),
    queryFn: () => unwrap(client.POST('/api/v1/auth/verify-email', { body: { token } })),
    // After the boot-time session restore has answered: a restore answering later
    // would put its older, unverified user back into the cache.
    enabled: status !== 'unknown',
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnWindowFocus: false,
  });

  useEffect(() => {
    if (verify.isSuccess) void queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [verify.isSuccess, queryClient]);

  if (verify.isPending) {
    return (
      <AuthCard title="Verifying your e-mail…">
        <Spinner label="Verifying your e-mail…" />
      </AuthCard>
    );
  }

  if (verify.isError) {
    const { formError } = describeError(verify.error, []);
    return (
      <AuthCard title="We couldn't verify your e-mail">
        <Alert tone="error">{formError ?? 'This link is invalid or has expired.'}</Alert>
        <p className="auth-text">Verification links expire and work only once. You can ask for a new one.</p>
        <div className="auth-actions">
          {status === 'signedIn' ? (
            <ResendVerificationButton variant="primary" />
          ) : (
            <ButtonLink to="/login">Log in to get a new link</ButtonLink>
          )}
        </div>
      </AuthCard>
    );
  }

  // A second click, or a mail client that opened the link to preview it: the address is verified, which is what counts.
  const already = verify.data?.alreadyVerified === true;
  return (
    <AuthCard title={already ? 'Already verified' : 'E-mail verified'}>
      <Alert tone="success">
        {already
          ? 'This e-mail address was already verified. There is nothing more to do.'
          : 'Thanks! Your e-mail address is confirmed.'}
      </Alert>
      <div className="auth-actions">
        {status === 'signedIn' ? (
          <ButtonLink to="/">Go to Veza</ButtonLink>
        ) : (
          <ButtonLink to="/login">Log in</ButtonLink>
        )}
      </div>
    </AuthCard>
  );
}
