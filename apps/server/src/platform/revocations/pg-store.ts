import { sql } from 'kysely';
import type { Db } from '@/platform/db/db';
import type { RevocationStore } from './revocations';

/** The `access_revocations` table: one primary-key lookup per authenticated request. */
export class PgRevocationStore implements RevocationStore {
  constructor(private readonly db: Db) {}

  async revoke(subjects: readonly string[], before: Date, until: Date): Promise<void> {
    await this.db
      .insertInto('access_revocations')
      .values(subjects.map((subject) => ({ subject, revoked_before: before, expires_at: until })))
      // A later revocation never shortens an earlier one.
      .onConflict((oc) =>
        oc.column('subject').doUpdateSet({
          revoked_before: sql`greatest(access_revocations.revoked_before, excluded.revoked_before)`,
          expires_at: sql`greatest(access_revocations.expires_at, excluded.expires_at)`,
        }),
      )
      .execute();
  }

  async revokedBefore(subjects: readonly string[], now: Date): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('access_revocations')
      .select(({ fn }) => fn.max('revoked_before').as('before'))
      .where('subject', 'in', subjects)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.before ?? undefined;
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('access_revocations').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
