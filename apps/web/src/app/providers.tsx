import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiContext, ApiError, createApi, type Api } from '@/api';
import { ME_KEY } from '@/features/auth';
import { ToastProvider } from '@/ui';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change on retry; network blips and 5xx might.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

interface ProvidersProps {
  children: ReactNode;
  /** Tests pass an api built on a fake fetch and a fresh query client. */
  api?: Api;
  queryClient?: QueryClient;
  /** Try to restore the session from the refresh cookie on mount. */
  restoreSession?: boolean;
}

export function Providers({
  children,
  api: givenApi,
  queryClient: givenClient,
  restoreSession = true,
}: ProvidersProps) {
  const [api] = useState(() => givenApi ?? createApi());
  const [queryClient] = useState(() => givenClient ?? createQueryClient());

  // The session answers with the user; keep the ['me'] cache in step with it.
  useEffect(
    () =>
      api.session.onSession((session) => {
        if (session) queryClient.setQueryData(ME_KEY, session.user);
        else queryClient.removeQueries({ queryKey: ME_KEY });
      }),
    [api, queryClient],
  );

  useEffect(() => {
    if (restoreSession) void api.session.restore();
  }, [api, restoreSession]);

  return (
    <ApiContext value={api}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </ApiContext>
  );
}
