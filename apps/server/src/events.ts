/**
 * Every domain event and its payload. Subscribers (notifications, search
 * indexing, WebSocket pushes) get typed payloads from this one map.
 */
export type DomainEvents = {
  'user.signed-up': { userId: string };
  'user.email-verified': { userId: string };
};
