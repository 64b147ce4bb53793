/**
 * Publish/subscribe across processes. Roles in separate processes see each
 * other's events, so nothing relies on in-memory state. Delivery is
 * at-most-once and unordered across publishers: subscribers that must not
 * miss anything re-read the database on reconnect.
 */
export type EventMap = object;

/**
 * The live pushes and their payloads. Each module merges its own in from
 * its `<module>.events.ts`; anything that must not be lost is a durable
 * domain event (outbox.ts) instead.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LiveEvents {}
export type Unsubscribe = () => Promise<void>;

export interface EventBus<E extends EventMap> {
  publish<K extends keyof E & string>(name: K, payload: E[K]): Promise<void>;
  subscribe<K extends keyof E & string>(name: K, handler: (payload: E[K]) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}
