import { describeError } from '@/api';

/** Why a request failed, in one sentence for a toast or an inline message. */
export function reason(error: unknown): string {
  return describeError(error, []).formError ?? 'Please try again.';
}
