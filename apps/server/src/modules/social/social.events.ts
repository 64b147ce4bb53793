/**
 * Durable events of the social module, published in the transaction of the
 * change and only when a row was really inserted: an idempotent repeat
 * publishes nothing, so notifications count real actions.
 */
export type SocialEvents = {
  'track.liked': { trackId: string; userId: string; ownerId: string };
  'track.reposted': { trackId: string; userId: string; ownerId: string };
  'user.followed': { followerId: string; followeeId: string };
};

declare module '@/platform/events/outbox' {
  interface DomainEvents extends SocialEvents {}
}
