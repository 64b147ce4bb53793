import { sql } from 'kysely';
import type { DbOrTx } from '@/platform/db/db';
import type { UserRole } from '@/platform/db/schema';
import type { NewUser, ProfileLink, UserRow } from './users.tables';

/** SQL for the users table, nothing else. */
export class UsersRepo {
  constructor(private readonly db: DbOrTx) {}

  insert(user: Omit<NewUser, 'links'> & { links?: ProfileLink[] }, trx?: DbOrTx): Promise<UserRow> {
    const { links, ...rest } = user;
    return (trx ?? this.db)
      .insertInto('users')
      .values({ ...rest, ...(links ? { links: JSON.stringify(links) } : {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  byId(id: string, trx?: DbOrTx): Promise<UserRow | undefined> {
    return (trx ?? this.db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byIds(ids: readonly string[]): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
  }

  async adjustFollowCounts(id: string, followers: number, following: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        follower_count: sql<number>`follower_count + ${followers}`,
        following_count: sql<number>`following_count + ${following}`,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A batch in id order after `afterId`: bulk indexing walks every account with it. */
  after(afterId: string | undefined, limit: number): Promise<UserRow[]> {
    let query = this.db.selectFrom('users').selectAll();
    if (afterId) query = query.where('id', '>', afterId);
    return query.orderBy('id').limit(limit).execute();
  }

  byUsername(username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  }

  byEmail(email: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
  }

  /** A login is an e-mail when it contains '@', else a username. */
  byLogin(login: string): Promise<UserRow | undefined> {
    return login.includes('@') ? this.byEmail(login) : this.byUsername(login);
  }

  /** Which of these identifiers are already taken (case-insensitively). */
  async taken(email: string, username: string): Promise<('email' | 'username')[]> {
    const rows = await this.db
      .selectFrom('users')
      .select([
        sql<boolean>`lower(email) = ${email.toLowerCase()}`.as('email'),
        sql<boolean>`lower(username) = ${username.toLowerCase()}`.as('username'),
      ])
      .where((eb) =>
        eb.or([
          eb(sql<string>`lower(email)`, '=', email.toLowerCase()),
          eb(sql<string>`lower(username)`, '=', username.toLowerCase()),
        ]),
      )
      .execute();
    const result: ('email' | 'username')[] = [];
    if (rows.some((r) => r.email)) result.push('email');
    if (rows.some((r) => r.username)) result.push('username');
    return result;
  }

  updateProfile(
    id: string,
    changes: {
      display_name?: string | null;
      bio?: string | null;
      links?: ProfileLink[];
      avatar_key?: string | null;
      likes_public?: boolean;
    },
    now: Date,
    trx?: DbOrTx,
  ): Promise<UserRow | undefined> {
    const { links, ...rest } = changes;
    return (trx ?? this.db)
      .updateTable('users')
      .set({ ...rest, ...(links ? { links: JSON.stringify(links) } : {}), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** Guarded on the current role, so a promotion never demotes a moderator or admin. */
  async promote(id: string, from: UserRole, to: UserRole, now: Date): Promise<UserRow | undefined> {
    return this.db
      .updateTable('users')
      .set({ role: to, updated_at: now })
      .where('id', '=', id)
      .where('role', '=', from)
      .returningAll()
      .executeTakeFirst();
  }

  async setPasswordHash(id: string, hash: string, now: Date, trx?: DbOrTx): Promise<void> {
    await (trx ?? this.db)
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async markEmailVerified(id: string, now: Date, trx?: DbOrTx): Promise<void> {
    await (trx ?? this.db)
      .updateTable('users')
      .set({ email_verified_at: now, updated_at: now })
      .where('id', '=', id)
      .where('email_verified_at', 'is', null)
      .execute();
  }

  async setRole(id: string, role: UserRole): Promise<void> {
    await this.db.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
