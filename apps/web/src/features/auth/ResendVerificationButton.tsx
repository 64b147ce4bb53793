import { describeError } from '@/api';
import { Button, useToast, type ButtonVariant } from '@/ui';
import { useResendVerification } from './auth.hooks';

export function ResendVerificationButton({ variant = 'secondary', size }: { variant?: ButtonVariant; size?: 'sm' }) {
  const resend = useResendVerification();
  const notify = useToast();
  return (
    <Button
      variant={variant}
      size={size}
      pending={resend.isPending}
      pendingLabel="Sending…"
      onClick={() =>
        resend.mutate(undefined, {
          onSuccess: () => notify('Verification e-mail sent. Check your inbox.'),
          onError: (error) => notify(describeError(error, []).formError ?? 'Could not send the e-mail.', 'error'),
        })
      }
    >
      {resend.isSuccess ? 'Send again' : 'Resend e-mail'}
    </Button>
  );
}
