import { Link, Navigate, useNavigate } from 'react-router';
import { unwrap, useApi } from '@/api';
import { ApiForm, Button, PasswordField, TextField, formText, useApiForm } from '@/ui';
import { AuthCard } from './AuthCard';
import { useSessionStatus } from './auth.hooks';
import {
  PASSWORD_RULE,
  USERNAME_RULE,
  checkDisplayName,
  checkEmail,
  checkNewPassword,
  checkUsername,
  collect,
} from './auth.validation';

interface SignupValues {
  email: string;
  username: string;
  displayName: string;
  password: string;
}

const FIELDS = ['email', 'username', 'displayName', 'password'] as const;

export function SignupPage() {
  const { client, session } = useApi();
  const navigate = useNavigate();
  const status = useSessionStatus();

  const form = useApiForm({
    fields: FIELDS,
    validate: (v: SignupValues) =>
      collect({
        email: checkEmail(v.email),
        username: checkUsername(v.username),
        displayName: checkDisplayName(v.displayName),
        password: checkNewPassword(v.password),
      }),
    mutationFn: async (v: SignupValues) => {
      const displayName = v.displayName.trim();
      const { user } = await unwrap(
        client.POST('/api/v1/auth/signup', {
          body: {
            email: v.email.trim(),
            username: v.username,
            password: v.password,
            ...(displayName && { displayName }),
          },
        }),
      );
      // Accounts may log in before verifying: sign straight in so the new
      // user lands somewhere useful. If that fails, they can log in by hand.
      const login = await client
        .POST('/api/v1/auth/login', {
          body: { login: v.username, password: v.password },
          credentials: 'include',
        })
        .catch(() => null);
      if (login?.data) session.start(login.data);
      return user;
    },
    onSuccess: (user) => {
      void navigate('/verify-email', { state: { email: user.email }, replace: true });
    },
  });

  if (status === 'signedIn' && !form.pending && !form.succeeded) return <Navigate to="/" replace />;

  return (
    <AuthCard
      title="Create your account"
      subtitle="Listen, follow artists, and share your own music."
      footer={
        <>
          Already have an account? <Link to="/login">Log in</Link>
        </>
      }
    >
      <ApiForm
        form={form}
        label="Sign up"
        onSubmit={form.onSubmit((f) => ({
          email: formText(f, 'email'),
          username: formText(f, 'username'),
          displayName: formText(f, 'displayName'),
          password: formText(f, 'password'),
        }))}
      >
        <TextField label="E-mail" name="email" type="email" autoComplete="email" required error={form.errors.email} />
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={30}
          hint={USERNAME_RULE}
          error={form.errors.username}
        />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="name"
          optional
          hint="How your name appears to others. You can change it later."
          error={form.errors.displayName}
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_RULE}
          error={form.errors.password}
        />
        <Button type="submit" pending={form.pending} pendingLabel="Creating account…" className="btn-block">
          Sign up
        </Button>
      </ApiForm>
    </AuthCard>
  );
}
