import { sql } from 'kysely';
import type { TestApp } from '../../../test/app';

/** How many events of this name the outbox holds whose payload has these fields. */
export async function eventsPublished(
  t: Pick<TestApp, 'c'>,
  name: string,
  payload: Record<string, string>,
): Promise<number> {
  const row = await t.c.db
    .selectFrom('event_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name', '=', name)
    .where(sql<boolean>`payload @> ${JSON.stringify(payload)}::jsonb`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
