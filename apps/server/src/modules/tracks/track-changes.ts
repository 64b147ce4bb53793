import type { Db, Tx } from '@/platform/db/db';
import type { EventPublisher } from '@/platform/events/outbox';

/**
 * A change that readers of tracks elsewhere (search) must hear about:
 * the row and its `track.changed` event commit together, or neither does.
 * Nothing is published when the change found no row.
 */
export function commitTrackChange<T extends { id: string }>(
  db: Db,
  events: EventPublisher,
  change: (trx: Tx) => Promise<T | null | undefined>,
): Promise<T | null | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await change(trx);
    if (row) await events.publish(trx, 'track.changed', { trackId: row.id });
    return row;
  });
}
