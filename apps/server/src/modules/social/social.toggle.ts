import type { Db, Tx } from '@/platform/db/db';

/**
 * An idempotent edge with a counter: a like, a repost, a follow. Its row is
 * keyed by its two ends, so setting it twice inserts once.
 */
export interface CountedEdge<K> {
  /** First in the transaction, only when setting: locks and refusals that must see committed state. */
  guard?(trx: Tx, key: K): Promise<void>;
  /** INSERT … ON CONFLICT DO NOTHING: how many rows were inserted (0 or 1). */
  insert(trx: Tx, key: K): Promise<number>;
  /** How many rows were deleted (0 or 1). */
  delete(trx: Tx, key: K): Promise<number>;
  /** Moves the counter(s) by `delta` and returns the count the answer shows. */
  count(trx: Tx, key: K, delta: number): Promise<number>;
  /** Only when a row was really inserted: the event that drives notifications. */
  inserted?(trx: Tx, key: K): Promise<void>;
}

/**
 * Sets or clears an edge, the one toggle every counted edge goes through.
 * The counter moves by exactly the rows the statement changed, in the same
 * transaction: concurrent toggles each count only their own effect, so the
 * counter equals count(*) of the rows at every commit, however they race.
 * A repeat changes no row, moves no counter and publishes nothing.
 */
export function setEdge<K>(db: Db, edge: CountedEdge<K>, key: K, on: boolean): Promise<{ on: boolean; count: number }> {
  return db.transaction().execute(async (trx) => {
    if (on) await edge.guard?.(trx, key);
    const changed = on ? await edge.insert(trx, key) : await edge.delete(trx, key);
    if (on && changed > 0) await edge.inserted?.(trx, key);
    // The counter last: its UPDATE locks the one row every toggle of this target contends for,
    // held until commit, so nothing else of the transaction may run while it is held.
    const count = await edge.count(trx, key, on ? changed : -changed);
    return { on, count };
  });
}
