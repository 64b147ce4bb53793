import pg from 'pg';
import type { Logger } from 'pino';
import type { EventBus, EventMap, Unsubscribe } from './bus';
import { HandlerRegistry, decodeEnvelope, encodeEnvelope } from './envelope';

export interface PgEventBusOptions {
  url: string;
  log: Logger;
  channel?: string;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
}

/**
 * The default bus: Postgres LISTEN/NOTIFY, so a default install needs nothing
 * but its database. One dedicated connection listens (a pooled connection
 * would lose its LISTEN when returned); publishes go through a tiny pool.
 */
export function createPgEventBus<E extends EventMap>(opts: PgEventBusOptions): EventBus<E> {
  return new PgEventBus<E>(opts);
}

class PgEventBus<E extends EventMap> implements EventBus<E> {
  private readonly channel: string;
  private readonly log: Logger;
  private readonly registry: HandlerRegistry;
  private readonly publisher: pg.Pool;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private listener: pg.Client | undefined;
  /** The first LISTEN; subscribers wait for it so nothing published after `subscribe` resolves is missed. */
  private started: Promise<void> | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failedAttempts = 0;
  private closed = false;

  constructor(private readonly opts: PgEventBusOptions) {
    this.channel = opts.channel ?? 'veza_events';
    this.log = opts.log.child({ component: 'event-bus', adapter: 'postgres' });
    this.registry = new HandlerRegistry(this.log);
    this.initialDelayMs = opts.reconnect?.initialDelayMs ?? 250;
    this.maxDelayMs = opts.reconnect?.maxDelayMs ?? 10_000;
    this.publisher = new pg.Pool({ connectionString: opts.url, max: 2, connectionTimeoutMillis: 5_000 });
    // An idle publisher losing its server must not crash the process; the next publish reconnects.
    this.publisher.on('error', () => undefined);
  }

  async publish<K extends keyof E & string>(name: K, payload: E[K]): Promise<void> {
    this.assertOpen();
    const message = encodeEnvelope(name, payload as object);
    await this.publisher.query('SELECT pg_notify($1, $2)', [this.channel, message]);
  }

  async subscribe<K extends keyof E & string>(name: K, handler: (payload: E[K]) => void): Promise<Unsubscribe> {
    this.assertOpen();
    this.started ??= this.connect().catch((err: unknown) => {
      // Let the next subscriber try again instead of inheriting a stale failure.
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
    clearTimeout(this.reconnectTimer);
    this.registry.clear();
    // An in-flight connect sees `closed` and ends its own client.
    await this.connecting?.catch(() => undefined);
    const listener = this.listener;
    this.listener = undefined;
    await Promise.allSettled([listener?.end(), this.publisher.end()]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event bus is closed');
  }

  private connect(): Promise<void> {
    const attempt = this.openListener();
    this.connecting = attempt;
    return attempt.finally(() => {
      if (this.connecting === attempt) this.connecting = undefined;
    });
  }

  private async openListener(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url, connectionTimeoutMillis: 5_000 });
    client.on('error', (err) => this.onListenerLost(client, err));
    client.on('end', () => this.onListenerLost(client));
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel || msg.payload === undefined) return;
      const envelope = decodeEnvelope(msg.payload);
      if (envelope) this.registry.dispatch(envelope);
      else this.log.warn({ channel: msg.channel }, 'ignored a malformed event');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private onListenerLost(client: pg.Client, err?: Error): void {
    // Only the live listener matters: a client that failed while connecting is handled by its caller.
    if (client !== this.listener || this.closed) return;
    this.listener = undefined;
    this.log.warn({ err }, 'event bus connection lost, reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.failedAttempts);
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.closed) return;
          this.failedAttempts = 0;
          // Events published while we were away are lost (at-most-once); subscribers resync from the database.
          this.log.info('event bus reconnected');
        },
        (err: unknown) => {
          if (this.closed) return;
          this.failedAttempts += 1;
          this.log.warn({ err, attempt: this.failedAttempts }, 'event bus reconnect failed');
          this.scheduleReconnect();
        },
      );
    }, delay);
  }
}
