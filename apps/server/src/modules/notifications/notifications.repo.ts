import { sql } from 'kysely';
import { olderThan, type PageRequest } from '@/platform/db/keyset';
import type { DbOrTx } from '@/platform/db/db';
import type { NotificationKind, NotificationTargetType } from './notifications.tables';
import './notifications.tables';

export interface NewAction {
  recipientId: string;
  actorId: string;
  kind: NotificationKind;
  targetType: NotificationTargetType;
  targetId: string;
}

export interface GroupRow {
  id: string;
  kind: NotificationKind;
  target_type: NotificationTargetType;
  target_id: string;
  acted_at: Date;
  read_at: Date | null;
}

export interface ActorRow {
  notification_id: string;
  actor_id: string;
  total: number;
}

/** SQL for notification groups and their actors, nothing else. */
export class NotificationsRepo {
  constructor(private readonly db: DbOrTx) {}

  /**
   * Adds an action to its group, creating the group on its first action: the
   * group moves to the top and is unread again. An actor acting again only
   * moves their time. Times never go back, so a late delivery cannot sink a
   * group below a newer action.
   */
  async addAction(action: NewAction, at: Date): Promise<void> {
    const group = await this.db
      .insertInto('notifications')
      .values({
        recipient_id: action.recipientId,
        kind: action.kind,
        target_type: action.targetType,
        target_id: action.targetId,
        acted_at: at,
        created_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['recipient_id', 'kind', 'target_type', 'target_id']).doUpdateSet({
          acted_at: sql`GREATEST(notifications.acted_at, excluded.acted_at)`,
          read_at: null,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('notification_actors')
      .values({ notification_id: group.id, actor_id: action.actorId, acted_at: at })
      .onConflict((oc) =>
        oc.columns(['notification_id', 'actor_id']).doUpdateSet({
          acted_at: sql`GREATEST(notification_actors.acted_at, excluded.acted_at)`,
        }),
      )
      .execute();
  }

  /**
   * When the event behind a delivery happened (its outbox row's time): a
   * batch delivered late still sorts by when people acted. Undefined once
   * the row was pruned.
   */
  async eventTime(eventId: string): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('event_outbox')
      .select('created_at')
      .where('id', '=', eventId)
      .executeTakeFirst();
    return row?.created_at;
  }

  async unreadCount(recipientId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('recipient_id', '=', recipientId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks read the recipient's unread groups last acted on at or before `until` (all when absent). */
  async markRead(recipientId: string, until: Date | undefined, now: Date): Promise<number> {
    let query = this.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('recipient_id', '=', recipientId)
      .where('read_at', 'is', null);
    if (until) query = query.where('acted_at', '<=', until);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The recipient's groups, newest action first. */
  page(recipientId: string, page: PageRequest): Promise<GroupRow[]> {
    let query = this.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'target_type', 'target_id', 'acted_at', 'read_at'])
      .where('recipient_id', '=', recipientId);
    if (page.after) query = query.where(olderThan('acted_at', 'id', page.after));
    return query
      .orderBy('acted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  /**
   * The newest `named` actors of each group and how many there are, leaving
   * out the users in `hidden` (those the recipient has blocked since).
   */
  async actors(groupIds: readonly string[], hidden: readonly string[], named: number): Promise<ActorRow[]> {
    if (groupIds.length === 0) return [];
    const rows = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('notification_actors')
          .select((s) => [
            'notification_id',
            'actor_id',
            sql<string>`count(*) OVER (PARTITION BY notification_id)`.as('total'),
            sql<string>`row_number() OVER (PARTITION BY notification_id ORDER BY acted_at DESC, actor_id DESC)`.as(
              'rank',
            ),
            s.ref('acted_at').as('acted_at'),
          ])
          .where('notification_id', 'in', groupIds)
          .$if(hidden.length > 0, (q) => q.where('actor_id', 'not in', hidden))
          .as('a'),
      )
      .select(['a.notification_id', 'a.actor_id', 'a.total'])
      .where('a.rank', '<=', String(named))
      .orderBy('a.notification_id')
      .orderBy('a.rank')
      .execute();
    return rows.map((r) => ({ ...r, total: Number(r.total) }));
  }
}
