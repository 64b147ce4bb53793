import { PasswordField } from '@/ui';
import { PASSWORD_RULE } from './auth.validation';

interface NewPasswordFieldsProps {
  /** The field the new password is sent as ("password" or "newPassword"). */
  name: string;
  errors: Record<string, string | undefined>;
}

/** A new password and its confirmation, as every form that sets one asks for them. */
export function NewPasswordFields({ name, errors }: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordField
        label="New password"
        name={name}
        autoComplete="new-password"
        required
        hint={PASSWORD_RULE}
        error={errors[name]}
      />
      <PasswordField
        label="Confirm new password"
        name="confirm"
        autoComplete="new-password"
        required
        error={errors.confirm}
      />
    </>
  );
}
