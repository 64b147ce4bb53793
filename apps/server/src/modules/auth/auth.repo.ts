import type { DbOrTx } from '@/platform/db/db';
import type { EmailTokenPurpose } from './auth.tables';

/** SQL for refresh tokens and e-mail tokens. */
export class AuthRepo {
  constructor(private readonly db: DbOrTx) {}

  async insertRefreshToken(
    row: {
      familyId: string;
      userId: string;
      tokenHash: string;
      expiresAt: Date;
      sessionStartedAt: Date;
      userAgent: string | null;
      ip: string | null;
    },
    trx?: DbOrTx,
  ): Promise<void> {
    await (trx ?? this.db)
      .insertInto('refresh_tokens')
      .values({
        family_id: row.familyId,
        user_id: row.userId,
        token_hash: row.tokenHash,
        expires_at: row.expiresAt,
        session_started_at: row.sessionStartedAt,
        user_agent: row.userAgent,
        ip: row.ip,
      })
      .execute();
  }

  refreshTokenByHash(tokenHash: string, trx?: DbOrTx) {
    return (trx ?? this.db)
      .selectFrom('refresh_tokens')
      .select(['id', 'family_id', 'user_id', 'expires_at', 'rotated_at', 'revoked_at', 'session_started_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Guarded: only a live token rotates; false means another request already used it. */
  async markRotated(id: string, now: Date, trx: DbOrTx): Promise<boolean> {
    const result = await trx
      .updateTable('refresh_tokens')
      .set({ rotated_at: now })
      .where('id', '=', id)
      .where('rotated_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async revokeFamily(familyId: string, now: Date, trx?: DbOrTx): Promise<void> {
    await (trx ?? this.db)
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Returns the sessions (families) it ended, so their access tokens can be revoked too. */
  async revokeUserSessions(
    userId: string,
    now: Date,
    opts: { exceptFamily?: string } = {},
    trx?: DbOrTx,
  ): Promise<string[]> {
    let query = (trx ?? this.db)
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (opts.exceptFamily) query = query.where('family_id', '!=', opts.exceptFamily);
    const rows = await query.returning('family_id').execute();
    return [...new Set(rows.map((r) => r.family_id))];
  }

  async insertEmailToken(
    row: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; expiresAt: Date },
    trx?: DbOrTx,
  ): Promise<void> {
    await (trx ?? this.db)
      .insertInto('email_tokens')
      .values({ user_id: row.userId, purpose: row.purpose, token_hash: row.tokenHash, expires_at: row.expiresAt })
      .execute();
  }

  /** A cheap indexed read, so a bogus token is refused before any password hashing. */
  liveEmailToken(tokenHash: string, purpose: EmailTokenPurpose, now: Date) {
    return this.db
      .selectFrom('email_tokens')
      .select(['user_id'])
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** Consumes a live token in one guarded statement; undefined when invalid, expired or used. */
  consumeEmailToken(tokenHash: string, purpose: EmailTokenPurpose, now: Date, trx: DbOrTx) {
    return trx
      .updateTable('email_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id'])
      .executeTakeFirst();
  }

  /** A token's owner whether or not it was used, or undefined when no such token was ever sent. */
  findEmailToken(tokenHash: string, purpose: EmailTokenPurpose) {
    return this.db
      .selectFrom('email_tokens')
      .select(['user_id', 'used_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
  }

  /** Older links of the same purpose stop working once a new one is sent or one is used. */
  async voidEmailTokens(userId: string, purpose: EmailTokenPurpose, now: Date, trx?: DbOrTx): Promise<void> {
    await (trx ?? this.db)
      .updateTable('email_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }

  /** Batch-limited so a large backlog never holds long locks. */
  async purgeExpired(before: Date, limit: number): Promise<{ refreshTokens: number; emailTokens: number }> {
    const refresh = await this.db
      .deleteFrom('refresh_tokens')
      .where('id', 'in', (eb) =>
        eb.selectFrom('refresh_tokens').select('id').where('expires_at', '<', before).limit(limit),
      )
      .executeTakeFirst();
    const email = await this.db
      .deleteFrom('email_tokens')
      .where('id', 'in', (eb) =>
        eb.selectFrom('email_tokens').select('id').where('expires_at', '<', before).limit(limit),
      )
      .executeTakeFirst();
    return { refreshTokens: Number(refresh.numDeletedRows), emailTokens: Number(email.numDeletedRows) };
  }
}
