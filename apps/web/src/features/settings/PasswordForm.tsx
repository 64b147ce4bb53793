import { unwrap, useApi } from '@/api';
import { NewPasswordFields, checkNewPassword, collect } from '@/features/auth';
import { ApiForm, Alert, Button, PasswordField, formText, useApiForm } from '@/ui';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;

export function PasswordForm() {
  const { client } = useApi();
  const form = useApiForm({
    fields: FIELDS,
    validate: (v: PasswordValues) =>
      collect({
        currentPassword: v.currentPassword ? undefined : 'Enter your current password.',
        newPassword:
          checkNewPassword(v.newPassword) ??
          (v.newPassword === v.currentPassword ? 'Choose a password different from the current one.' : undefined),
        confirm: v.confirm === v.newPassword ? undefined : "The passwords don't match.",
      }),
    mutationFn: (v: PasswordValues) =>
      unwrap(
        client.POST('/api/v1/auth/password/change', {
          body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
        }),
      ),
    onSuccess: () => form.formRef.current?.reset(),
  });

  return (
    <ApiForm
      form={form}
      label="Change password"
      onSubmit={form.onSubmit((f) => ({
        currentPassword: formText(f, 'currentPassword'),
        newPassword: formText(f, 'newPassword'),
        confirm: formText(f, 'confirm'),
      }))}
    >
      {form.succeeded && <Alert tone="success">Password changed. Use it next time you log in.</Alert>}
      <PasswordField
        label="Current password"
        name="currentPassword"
        autoComplete="current-password"
        required
        error={form.errors.currentPassword}
      />
      <NewPasswordFields name="newPassword" errors={form.errors} />
      <div className="form-actions">
        <Button type="submit" pending={form.pending}>
          Change password
        </Button>
      </div>
    </ApiForm>
  );
}
