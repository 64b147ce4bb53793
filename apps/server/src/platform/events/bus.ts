/**
 * Publish/subscribe across processes. Roles in separate processes see each
 * other's events, so nothing relies on in-memory state. Delivery is
 * at-most-once and unordered across publishers: subscribers that must not
 * miss anything re-read the database on reconnect.
 */
export type EventMap = { [name: string]: object };
export type Unsubscribe = () => Promise<void>;

export interface EventBus<E extends EventMap> {
  publish<K extends keyof E & string>(name: K, payload: E[K]): Promise<void>;
  subscribe<K extends keyof E & string>(name: K, handler: (payload: E[K]) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}
