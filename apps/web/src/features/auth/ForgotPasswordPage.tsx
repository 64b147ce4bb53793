import { Link } from 'react-router';
import { unwrap, useApi } from '@/api';
import { ApiForm, Alert, Button, TextField, formText, useApiForm } from '@/ui';
import { AuthCard } from './AuthCard';
import { checkEmail, collect } from './auth.validation';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const { client } = useApi();
  const form = useApiForm({
    fields: FIELDS,
    validate: (v: { email: string }) => collect({ email: checkEmail(v.email) }),
    mutationFn: (v: { email: string }) =>
      unwrap(client.POST('/api/v1/auth/password/forgot', { body: { email: v.email.trim() } })),
  });

  if (form.succeeded) {
    return (
      <AuthCard title="Check your inbox" footer={<Link to="/login">Back to log in</Link>}>
        <Alert tone="success">
          {form.data?.message ?? 'If an account exists for that e-mail, we sent a link to reset the password.'}
        </Alert>
        <p className="auth-text">
          The link expires soon, so use it quickly. Didn't get it? Check spam, then try again.
        </p>
        <Button variant="secondary" onClick={form.reset}>
          Try another e-mail
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="Enter the e-mail you signed up with and we'll send you a link to choose a new one."
      footer={
        <>
          Remembered it? <Link to="/login">Log in</Link>
        </>
      }
    >
      <ApiForm
        form={form}
        label="Reset password request"
        onSubmit={form.onSubmit((f) => ({ email: formText(f, 'email') }))}
      >
        <TextField label="E-mail" name="email" type="email" autoComplete="email" required error={form.errors.email} />
        <Button type="submit" pending={form.pending} pendingLabel="Sending…" className="btn-block">
          Send reset link
        </Button>
      </ApiForm>
    </AuthCard>
  );
}
