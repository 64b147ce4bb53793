import { useMutation, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { unwrap, useApi, type Me, type SessionSnapshot, type SessionStatus } from '@/api';

import { authKeys } from './auth.keys';

export const ME_KEY = authKeys.me();

export function useSessionSnapshot(): SessionSnapshot {
  const { session } = useApi();
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

export function useSessionStatus(): SessionStatus {
  return useSessionSnapshot().status;
}

export interface AuthState {
  /** 'unknown' until the boot refresh has answered. */
  status: SessionStatus;
  user: Me | null;
}

export function useAuth(): AuthState {
  const { client } = useApi();
  const status = useSessionStatus();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: () => unwrap(client.GET('/api/v1/me')),
    enabled: status === 'signedIn',
    staleTime: 60_000,
  });
  return { status, user: status === 'signedIn' ? (me.data ?? null) : null };
}

export function useLogout() {
  const { session } = useApi();
  return useMutation({ mutationFn: () => session.logout() });
}

export function useResendVerification() {
  const { client } = useApi();
  return useMutation({
    mutationFn: () => unwrap(client.POST('/api/v1/auth/verify-email/resend', { body: {} })),
  });
}

/** Only same-site paths: `?next=//evil.example` must not send people away. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
