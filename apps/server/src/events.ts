/**
 * Every domain event and its payload. Subscribers (notifications, search
 * indexing, WebSocket pushes) get typed payloads from this one map.
 */
export type DomainEvents = {
  'user.signed-up': { userId: string };
  'user.email-verified': { userId: string };
  /** A track and its files are gone: caches holding its segments drop them. */
  'track.deleted': { trackId: string };
  /** Processing news for a track's artist (status, percent); pushed to their open "My tracks" pages. */
  'track.progress': {
    trackId: string;
    ownerId: string;
    status: 'processing' | 'ready' | 'failed';
    progress: number;
    statusMessage: string | null;
  };
};
