/** The profile feature's query keys, under one root (see tracks.keys.ts). */
export const profileKeys = {
  all: ['profiles'] as const,
  byUsername: (username: string) => [...profileKeys.all, username] as const,
  list: (username: string, tab: string) => [...profileKeys.byUsername(username), tab] as const,
};
