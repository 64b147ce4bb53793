/** Durable events of likes and reposts of playlists (social module), published only when a row was inserted. */
export type PlaylistEdgeEvents = {
  'playlist.liked': { playlistId: string; userId: string; ownerId: string };
  'playlist.reposted': { playlistId: string; userId: string; ownerId: string };
};

declare module '@/platform/events/outbox' {
  interface DomainEvents extends PlaylistEdgeEvents {}
}
