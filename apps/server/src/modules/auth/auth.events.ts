/** Durable events of the auth module (see platform/events/outbox.ts). */
export type AuthEvents = {
  'user.signed-up': { userId: string };
  'user.email-verified': { userId: string };
};

declare module '@/platform/events/outbox' {
  interface DomainEvents extends AuthEvents {}
}
