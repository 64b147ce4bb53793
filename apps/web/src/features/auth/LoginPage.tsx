import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { unwrap, useApi } from '@/api';
import { ApiForm, Button, PasswordField, TextField, formText, useApiForm, useToast } from '@/ui';
import { AuthCard } from './AuthCard';
import { safeNext, useSessionStatus } from './auth.hooks';
import { collect } from './auth.validation';

interface LoginValues {
  login: string;
  password: string;
}

const FIELDS = ['login', 'password'] as const;

export function LoginPage() {
  const { client, session } = useApi();
  const navigate = useNavigate();
  const notify = useToast();
  const status = useSessionStatus();
  const [params] = useSearchParams();
  const location = useLocation();
  const next = safeNext(params.get('next') ?? (location.state as { from?: string } | null)?.from);

  const form = useApiForm({
    fields: FIELDS,
    validate: (v: LoginValues) =>
      collect({
        login: v.login.trim() ? undefined : 'Enter your e-mail or username.',
        password: v.password ? undefined : 'Enter your password.',
      }),
    mutationFn: (v: LoginValues) =>
      unwrap(
        client.POST('/api/v1/auth/login', {
          body: { login: v.login.trim(), password: v.password },
          credentials: 'include',
        }),
      ),
    onSuccess: (body) => {
      session.start(body);
      notify(`Welcome back, ${body.user.displayName ?? body.user.username}!`);
      void navigate(next, { replace: true });
    },
  });

  // Already signed in (e.g. opened /login in a second tab): nothing to do here.
  if (status === 'signedIn' && !form.succeeded) return <Navigate to={next} replace />;

  return (
    <AuthCard
      title="Log in"
      subtitle="Welcome back. Your music is waiting."
      footer={
        <>
          New to Veza? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <ApiForm
        form={form}
        label="Log in"
        onSubmit={form.onSubmit((f) => ({ login: formText(f, 'login'), password: formText(f, 'password') }))}
      >
        <TextField
          label="E-mail or username"
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          error={form.errors.login}
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          required
          error={form.errors.password}
        />
        <div className="form-row-end">
          <Link to="/forgot-password" className="subtle-link">
            Forgot your password?
          </Link>
        </div>
        <Button type="submit" pending={form.pending} pendingLabel="Logging in…" className="btn-block">
          Log in
        </Button>
      </ApiForm>
    </AuthCard>
  );
}
