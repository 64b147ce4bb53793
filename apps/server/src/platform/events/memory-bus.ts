import { pino, type Logger } from 'pino';
import type { EventBus, EventMap, Unsubscribe } from './bus';
import { HandlerRegistry, decodeEnvelope, encodeEnvelope } from './envelope';

/**
 * In-process bus for unit tests of other modules. It still encodes every
 * event (size cap, JSON round trip) and delivers asynchronously, so code that
 * passes here does not depend on a shortcut the real buses lack. Share one
 * instance between two app instances to simulate two processes.
 */
export function createMemoryEventBus<E extends EventMap>(opts: { log?: Logger } = {}): EventBus<E> {
  const registry = new HandlerRegistry(opts.log ?? pino({ level: 'silent' }));
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new Error('event bus is closed');
  };
  return {
    async publish(name, payload) {
      assertOpen();
      const envelope = decodeEnvelope(encodeEnvelope(name, payload as object));
      setImmediate(() => {
        if (envelope && !closed) registry.dispatch(envelope);
      });
    },
    async subscribe(name, handler): Promise<Unsubscribe> {
      assertOpen();
      const remove = registry.add(name, handler as (payload: unknown) => void);
      return async () => remove();
    },
    async close() {
      closed = true;
      registry.clear();
    },
  } satisfies EventBus<E>;
}
