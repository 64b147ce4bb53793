/** Durable events of the users module (see platform/events/outbox.ts). */
export type UsersEvents = {
  /**
   * What others show of the account by name changed (created, display
   * name or bio edited): search indexes the user and, for the artist's
   * name, their tracks. Read the user for the current state.
   */
  'user.changed': { userId: string };
};

declare module '@/platform/events/outbox' {
  interface DomainEvents extends UsersEvents {}
}
