import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, describeError, unwrap, useApi } from '@/api';
import { ApiForm, Alert, Button, ButtonLink, Spinner, formText, useApiForm, useToast } from '@/ui';
import { AuthCard } from './AuthCard';
import { authKeys } from './auth.keys';
import { NewPasswordFields } from './NewPasswordFields';
import { checkNewPassword, collect } from './auth.validation';

interface ResetValues {
  password: string;
  confirm: string;
}

// The token is not a field the user can fix, so its errors go to the alert.
const FIELDS = ['password', 'confirm'] as const;

export function ResetPasswordPage() {
  const { client } = useApi();
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const notify = useToast();

  const form = useApiForm({
    fields: FIELDS,
    validate: (v: ResetValues) =>
      collect({
        password: checkNewPassword(v.password),
        confirm: v.confirm === v.password ? undefined : "The passwords don't match.",
      }),
    mutationFn: (v: ResetValues) =>
      unwrap(client.POST('/api/v1/auth/password/reset', { body: { token: token ?? '', password: v.password } })),
    onSuccess: () => {
      notify('Password changed. Log in with your new password.');
      void navigate('/login', { replace: true });
    },
  });

  // Checked on open: a dead link should say so before a new password is typed, not after.
  const check = useQuery({
    queryKey: authKeys.resetCheck(token ?? ''),
    queryFn: () => unwrap(client.POST('/api/v1/auth/password/reset/check', { body: { token: token ?? '' } })),
    enabled: Boolean(token),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  if (!token) {
    return (
      <AuthCard title="Reset your password">
        <Alert tone="error">
          This reset link is incomplete. Open the link from the e-mail again, or ask for a new one.
        </Alert>
        <div className="auth-actions">
          <Link to="/forgot-password">Request a new link</Link>
        </div>
      </AuthCard>
    );
  }

  if (check.isPending) {
    return (
      <AuthCard title="Checking your link…">
        <Spinner label="Checking your reset link…" />
      </AuthCard>
    );
  }

  if (check.isError) {
    const dead = check.error instanceof ApiError && check.error.status === 400;
    return (
      <AuthCard title={dead ? 'This reset link no longer works' : "We couldn't check your link"}>
        <Alert tone="error">
          {dead
            ? 'Reset links work once and expire soon after they are sent. Ask for a new one; it arrives in a minute.'
            : describeError(check.error, []).formError}
        </Alert>
        <div className="auth-actions">
          <ButtonLink to="/forgot-password">Request a new link</ButtonLink>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Choose a new password"
      footer={
        <>
          Link expired? <Link to="/forgot-password">Request a new one</Link>
        </>
      }
    >
      <ApiForm
        form={form}
        label="Choose a new password"
        onSubmit={form.onSubmit((f) => ({ password: formText(f, 'password'), confirm: formText(f, 'confirm') }))}
      >
        <NewPasswordFields name="password" errors={form.errors} />
        <Button type="submit" pending={form.pending} className="btn-block">
          Set new password
        </Button>
      </ApiForm>
    </AuthCard>
  );
}
