/** Durable events of the tracks module (see platform/events/outbox.ts). */
export type TracksEvents = {
  /** The row is gone; its files go with it (this module), and so must every copy elsewhere. */
  'track.deleted': { trackId: string; ownerId: string; filePath: string };
  /**
   * What others may show of the track changed: created, metadata or
   * visibility edited, ready, failed, retried. Read the track for its state.
   */
  'track.changed': { trackId: string };
};

/** Live pushes: processing news for the artist's open "My tracks" pages. */
export type TracksLiveEvents = {
  'track.progress': {
    trackId: string;
    ownerId: string;
    status: 'processing' | 'ready' | 'failed';
    progress: number;
    statusMessage: string | null;
  };
};

declare module '@/platform/events/outbox' {
  interface DomainEvents extends TracksEvents {}
}

declare module '@/platform/events/bus' {
  interface LiveEvents extends TracksLiveEvents {}
}
