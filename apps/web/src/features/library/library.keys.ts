/** The library feature's query keys, under one root (see tracks.keys.ts). */
export const libraryKeys = {
  all: ['library'] as const,
  playlists: () => [...libraryKeys.all, 'playlists'] as const,
  likes: () => [...libraryKeys.all, 'likes'] as const,
  history: () => [...libraryKeys.all, 'history'] as const,
  historyPages: () => [...libraryKeys.history(), 'pages'] as const,
  historyShelf: (limit: number) => [...libraryKeys.history(), 'shelf', limit] as const,
};
