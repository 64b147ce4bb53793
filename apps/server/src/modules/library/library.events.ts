/** Durable events of the library module (see platform/events/outbox.ts). */
export type LibraryEvents = {
  /** Created, renamed, re-shared, or its items or collaborators changed: search re-indexes, followers may be told. */
  'playlist.changed': { playlistId: string };
  /** The playlist and its items are gone. */
  'playlist.deleted': { playlistId: string; ownerId: string };
};

declare module '@/platform/events/outbox' {
  interface DomainEvents extends LibraryEvents {}
}
