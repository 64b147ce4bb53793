import { CompiledQuery, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx, Tx } from '@/platform/db/db';
import type { JobQueue } from '@/platform/jobs/queue';
import { encodeEnvelope } from './envelope';

/**
 * Every durable domain event and its payload. Each module declares the
 * events it publishes in its own `<module>.events.ts`, merging into this
 * interface, so subscribers get typed payloads without a central list.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type DomainEventName = Extract<keyof DomainEvents, string>;

export interface DeliveryContext {
  eventId: string;
  /** The subscriber's transaction: its effects commit with the receipt, so a redelivery changes nothing. */
  trx: Tx;
  log: Logger;
}

export type Subscriber<P> = (payload: P, ctx: DeliveryContext) => Promise<void>;
/** What a module does when an event happens, by event name. */
export type Subscriptions = { [K in DomainEventName]?: Subscriber<DomainEvents[K]> };

export interface EventPublisher {
  /** Writes the event in the caller's transaction: it exists if and only if the change committed. */
  publish<K extends DomainEventName>(trx: DbOrTx, name: K, payload: DomainEvents[K]): Promise<string>;
}

/** Postgres delivers a NOTIFY only at commit: the relay wakes exactly when an event becomes real. */
export const OUTBOX_CHANNEL = 'veza_outbox';
/** The bus envelope of that wake-up call, so the relay listens with the ordinary Postgres bus. */
export const COMMITTED = encodeEnvelope('outbox.committed', {});
const RELAY_BATCH = 100;
export const DELIVER_JOB = 'events.deliver';

export interface DeliverJob {
  eventId: string;
  name: string;
  subscriber: string;
  payload: object;
}

/**
 * The transactional outbox for domain events. `publish` inserts in the
 * caller's transaction; `relay` turns each committed event into one
 * delivery job per subscriber, in the same transaction that marks it
 * relayed (pg-boss writes its job through that transaction), so an event
 * is relayed once; `deliver` runs a subscriber inside a transaction that
 * records a receipt (subscriber, event id), so a job run twice acts once.
 */
export class EventOutbox implements EventPublisher {
  private readonly subscribers = new Map<string, Map<string, Subscriber<never>>>();
  private readonly log: Logger;

  constructor(private readonly deps: { db: Db; clock: Clock; log: Logger }) {
    this.log = deps.log.child({ component: 'event-outbox' });
  }

  async publish<K extends DomainEventName>(trx: DbOrTx, name: K, payload: DomainEvents[K]): Promise<string> {
    // The row and its wake-up in one round trip: a publish often sits inside a transaction holding row locks.
    const row = await trx
      .with('event', (db) =>
        db
          .insertInto('event_outbox')
          .values({ name, payload: JSON.stringify(payload), created_at: this.deps.clock.now() })
          .returning('id'),
      )
      .selectFrom('event')
      .select(['event.id', sql<string>`pg_notify(${OUTBOX_CHANNEL}, ${COMMITTED})`.as('woken')])
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Registered before the queue starts; a module subscribes once per event. */
  subscribe(subscriber: string, subscriptions: Subscriptions): void {
    for (const [name, handler] of Object.entries(subscriptions) as [string, Subscriber<never>][]) {
      const forEvent = this.subscribers.get(name) ?? new Map<string, Subscriber<never>>();
      if (forEvent.has(subscriber)) throw new Error(`${subscriber} subscribes to ${name} twice`);
      forEvent.set(subscriber, handler);
      this.subscribers.set(name, forEvent);
    }
  }

  subscribersOf(name: string): string[] {
    return [...(this.subscribers.get(name)?.keys() ?? [])];
  }

  /**
   * Relays one batch of committed events; safe to run from several
   * processes at once (SKIP LOCKED) and again after a crash (nothing is
   * marked relayed unless its jobs were written in the same commit).
   */
  async relay(jobs: Pick<JobQueue<never>, 'insertWith'>): Promise<{ relayed: number; deliveries: number }> {
    return this.deps.db.transaction().execute(async (trx) => {
      const events = await trx
        .selectFrom('event_outbox')
        .select(['id', 'name', 'payload'])
        .where('relayed_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .limit(RELAY_BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (events.length === 0) return { relayed: 0, deliveries: 0 };
      const deliveries = events.flatMap((event) =>
        this.subscribersOf(event.name).map((subscriber): DeliverJob => ({
          eventId: event.id,
          name: event.name,
          subscriber,
          payload: event.payload,
        })),
      );
      await jobs.insertWith(
        { executeSql: async (text, values) => trx.executeQuery(CompiledQuery.raw(text, values)) },
        DELIVER_JOB,
        deliveries,
      );
      await trx
        .updateTable('event_outbox')
        .set({ relayed_at: this.deps.clock.now() })
        .where(
          'id',
          'in',
          events.map((e) => e.id),
        )
        .execute();
      for (const d of deliveries) {
        this.log.info(
          { action: 'events.relay', eventId: d.eventId, event: d.name, subscriber: d.subscriber },
          'relayed',
        );
      }
      return { relayed: events.length, deliveries: deliveries.length };
    });
  }

  /** Runs one subscriber on one event, at most once in effect. */
  async deliver(job: DeliverJob, log: Logger): Promise<'delivered' | 'duplicate' | 'no-subscriber'> {
    const handler = this.subscribers.get(job.name)?.get(job.subscriber) as Subscriber<object> | undefined;
    if (!handler) {
      // A subscriber removed since the event was relayed: nothing to do, and nothing to retry.
      log.warn({ event: job.name, subscriber: job.subscriber }, 'no such subscriber any more');
      return 'no-subscriber';
    }
    return this.deps.db.transaction().execute(async (trx) => {
      const receipt = await trx
        .insertInto('event_receipts')
        .values({ subscriber: job.subscriber, event_id: job.eventId, received_at: this.deps.clock.now() })
        .onConflict((oc) => oc.doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!receipt) return 'duplicate';
      await handler(job.payload, { eventId: job.eventId, trx, log });
      return 'delivered';
    });
  }

  /** Relayed events and old receipts go after a week and a month: redeliveries happen within hours. */
  async prune(): Promise<{ events: number; receipts: number }> {
    const now = this.deps.clock.now().getTime();
    const events = await this.deps.db
      .deleteFrom('event_outbox')
      .where('relayed_at', '<', new Date(now - 7 * 86_400_000))
      .executeTakeFirst();
    const receipts = await this.deps.db
      .deleteFrom('event_receipts')
      .where('received_at', '<', new Date(now - 30 * 86_400_000))
      .executeTakeFirst();
    return { events: Number(events.numDeletedRows), receipts: Number(receipts.numDeletedRows) };
  }
}
