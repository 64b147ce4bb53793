import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventBus, EventMap, Unsubscribe } from './bus';
import { HandlerRegistry, decodeEnvelope, encodeEnvelope } from './envelope';

export interface RedisEventBusOptions {
  url: string;
  log: Logger;
  channel?: string;
}

/**
 * Redis pub/sub, for deployments that already run Redis and want the event
 * traffic off Postgres. A subscribed connection can issue no other command,
 * hence two connections. ioredis reconnects and re-subscribes by itself.
 */
export function createRedisEventBus<E extends EventMap>(opts: RedisEventBusOptions): EventBus<E> {
  return new RedisEventBus<E>(opts);
}

class RedisEventBus<E extends EventMap> implements EventBus<E> {
  private readonly channel: string;
  private readonly log: Logger;
  private readonly registry: HandlerRegistry;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private started: Promise<void> | undefined;
  private closed = false;

  constructor(opts: RedisEventBusOptions) {
    this.channel = opts.channel ?? 'veza_events';
    this.log = opts.log.child({ component: 'event-bus', adapter: 'redis' });
    this.registry = new HandlerRegistry(this.log);
    // lazyConnect: a publish-only process never opens the subscriber connection.
    this.publisher = new Redis(opts.url, { lazyConnect: true });
    this.subscriber = new Redis(opts.url, { lazyConnect: true });
    for (const [role, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      // Without a listener ioredis prints every reconnect failure to stderr; route them through our log.
      client.on('error', (err: Error) => this.log.warn({ err, role }, 'event bus connection error'));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const envelope = decodeEnvelope(message);
      if (envelope) this.registry.dispatch(envelope);
      else this.log.warn({ channel }, 'ignored a malformed event');
    });
  }

  async publish<K extends keyof E & string>(name: K, payload: E[K]): Promise<void> {
    this.assertOpen();
    const message = encodeEnvelope(name, payload as object);
    await this.publisher.publish(this.channel, message);
  }

  async subscribe<K extends keyof E & string>(name: K, handler: (payload: E[K]) => void): Promise<Unsubscribe> {
    this.assertOpen();
    this.started ??= this.subscriber
      .subscribe(this.channel)
      .then(() => undefined)
      .catch((err: unknown) => {
        this.started = undefined;
        throw err;
      });
    await this.started;
    const remove = this.registry.add(name, handler as (payload: unknown) => void);
    return async () => remove();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.registry.clear();
    await Promise.allSettled([quit(this.publisher), quit(this.subscriber)]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event bus is closed');
  }
}

async function quit(client: Redis): Promise<void> {
  // QUIT on a never-connected lazy client would connect just to say goodbye.
  if (client.status === 'wait' || client.status === 'end') {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}
