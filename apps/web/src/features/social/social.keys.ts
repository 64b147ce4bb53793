/**
 * The social feature's query keys (see tracks.keys.ts). The caller's flags
 * are keyed by who is asking too, so a different account signing in on the
 * same tab never sees the last one's hearts.
 */
export const socialKeys = {
  all: ['social'] as const,
  viewer: (viewerId: string) => [...socialKeys.all, viewerId] as const,
  track: (viewerId: string, trackId: string) => [...socialKeys.viewer(viewerId), 'track', trackId] as const,
  playlist: (viewerId: string, playlistId: string) => [...socialKeys.viewer(viewerId), 'playlist', playlistId] as const,
  user: (viewerId: string, userId: string) => [...socialKeys.viewer(viewerId), 'user', userId] as const,
};
