import type { Logger } from 'pino';

/**
 * The wire form shared by every bus adapter: `{name, payload}` as JSON on one
 * channel. Postgres caps a NOTIFY payload below 8000 bytes; every adapter
 * enforces the same cap so an event that works on Redis never breaks on the
 * default Postgres bus.
 */
export const MAX_EVENT_BYTES = 7999;

export class EventPayloadTooLarge extends Error {
  constructor(
    readonly eventName: string,
    readonly bytes: number,
  ) {
    super(
      `event "${eventName}" is ${bytes} bytes once encoded; the bus carries at most ${MAX_EVENT_BYTES}. ` +
        'Publish an id and let subscribers read the rest from the database.',
    );
    this.name = 'EventPayloadTooLarge';
  }
}

export interface Envelope {
  name: string;
  payload: unknown;
}

export function encodeEnvelope(name: string, payload: object): string {
  const message = JSON.stringify({ name, payload } satisfies Envelope);
  const bytes = Buffer.byteLength(message, 'utf8');
  if (bytes > MAX_EVENT_BYTES) throw new EventPayloadTooLarge(name, bytes);
  return message;
}

/** Null for anything that is not an envelope: another writer on the channel must not crash us. */
export function decodeEnvelope(message: string): Envelope | null {
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { name, payload } = parsed as Partial<Envelope>;
    if (typeof name !== 'string') return null;
    return { name, payload };
  } catch {
    return null;
  }
}

type Handler = (payload: unknown) => void;

/**
 * Handlers per event name, shared by the adapters. One failing handler is
 * logged and skipped: a bug in the notifications module must not stop chat
 * from receiving its events.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly log: Logger) {}

  add(name: string, handler: Handler): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    // A wrapper per subscription, so subscribing the same function twice yields two independent subscriptions.
    const entry: Handler = (payload) => handler(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.handlers.get(name) === set) this.handlers.delete(name);
    };
  }

  dispatch(envelope: Envelope): void {
    const set = this.handlers.get(envelope.name);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        const result = handler(envelope.payload) as unknown;
        // Handlers are typed as returning void, but async ones are common: their rejections count too.
        if (result instanceof Promise) {
          result.catch((err: unknown) => this.logFailure(envelope.name, err));
        }
      } catch (err) {
        this.logFailure(envelope.name, err);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }

  private logFailure(event: string, err: unknown): void {
    this.log.error({ err, event }, 'event handler failed');
  }
}
