/** The playlists feature's query keys, from one root so that any part can be invalidated by prefix. */
export const playlistKeys = {
  all: ['playlists'] as const,
  mine: () => [...playlistKeys.all, 'mine'] as const,
  detail: (id: string) => [...playlistKeys.all, 'detail', id] as const,
};
