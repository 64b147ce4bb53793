/** The feed feature's query keys, under one root (see tracks.keys.ts). */
export const feedKeys = {
  all: ['feed'] as const,
  pages: () => [...feedKeys.all, 'pages'] as const,
};
