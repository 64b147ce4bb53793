/** The auth feature's query keys, under one root (see tracks.keys.ts). */
export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  verifyEmail: (token: string) => [...authKeys.all, 'verify-email', token] as const,
  resetCheck: (token: string) => [...authKeys.all, 'reset-check', token] as const,
};
