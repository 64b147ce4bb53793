import { describeError } from '@/api';
import { Alert, Button } from '@/ui';

export function LoadFailed({
  what,
  error,
  retry,
  retrying,
}: {
  what: string;
  error: unknown;
  retry: () => void;
  retrying: boolean;
}) {
  return (
    <Alert tone="error" title={`Your ${what} didn't load.`}>
      <p>{describeError(error, []).formError}</p>
      <Button variant="secondary" size="sm" pending={retrying} pendingLabel="Loading…" onClick={retry}>
        Try again
      </Button>
    </Alert>
  );
}
