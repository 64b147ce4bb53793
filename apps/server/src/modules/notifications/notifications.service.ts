import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { EventBus, LiveEvents } from '@/platform/events/bus';
import { pageOf, pageRequest } from '@/platform/db/keyset';
import type { Principal } from '@/platform/http/access';
import { PlaylistNotFound } from '@/modules/library/library.errors';
import type { LibraryService } from '@/modules/library/library.service';
import type { SocialService } from '@/modules/social/social.service';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { NotificationsRepo, type GroupRow, type NewAction } from './notifications.repo';
import type { MarkRead, Notification, NotificationPage, NotificationTarget } from './notifications.schemas';
import './notifications.events';

/** How many actors a group names ("A, B and 3 others"). */
const NAMED_ACTORS = 3;

type Viewer = Pick<Principal, 'userId' | 'role'>;

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
  bus: Pick<EventBus<LiveEvents>, 'publish'>;
  tracks: Pick<TracksService, 'visibleSummaries'>;
  library: Pick<LibraryService, 'get'>;
  social: Pick<SocialService, 'isBlocked' | 'blockedBy'>;
  users: Pick<UsersService, 'publicProfiles'>;
}

/**
 * Grouped notifications: written only from domain events (see
 * notifications.module.ts), read and marked read by their recipient, whose
 * open pages hear of the unread count over the live bus.
 */
export class NotificationsService {
  private readonly repo: NotificationsRepo;

  constructor(private readonly deps: NotificationsDeps) {
    this.repo = new NotificationsRepo(deps.db);
  }

  /**
   * Records an action in the delivery's transaction, so a redelivered event
   * (same receipt) records nothing twice. Nobody is told of their own
   * actions, nor of those of someone they blocked.
   */
  async record(delivery: { trx: DbOrTx; eventId: string }, action: NewAction): Promise<void> {
    if (action.actorId === action.recipientId) return;
    if (await this.deps.social.isBlocked(action.recipientId, action.actorId)) return;
    const repo = new NotificationsRepo(delivery.trx);
    const at = (await repo.eventTime(delivery.eventId)) ?? this.deps.clock.now();
    await repo.addAction(action, at);
    // Counted inside the transaction, so the number already includes this action. The push is
    // losable: a page that misses it reads the count again when it reconnects.
    await this.pushUnread(action.recipientId, await repo.unreadCount(action.recipientId));
  }

  unreadCount(principal: Principal): Promise<number> {
    return this.repo.unreadCount(principal.userId);
  }

  async markRead(principal: Principal, input: MarkRead): Promise<{ unread: number }> {
    await this.repo.markRead(principal.userId, input.until ? new Date(input.until) : undefined, this.deps.clock.now());
    const unread = await this.repo.unreadCount(principal.userId);
    await this.pushUnread(principal.userId, unread);
    return { unread };
  }

  async list(principal: Principal, opts: { cursor?: string; limit?: number }): Promise<NotificationPage> {
    const request = pageRequest(opts);
    const { rows, nextCursor } = pageOf(await this.repo.page(principal.userId, request), request.limit, (r) => ({
      at: r.acted_at,
      id: r.id,
    }));
    const hidden = await this.deps.social.blockedBy(principal.userId);
    const actors = await this.repo.actors(
      rows.map((r) => r.id),
      hidden,
      NAMED_ACTORS,
    );
    const [profiles, targets] = await Promise.all([
      this.deps.users.publicProfiles([...new Set(actors.map((a) => a.actor_id))]),
      this.targets(rows, principal),
    ]);
    const items = rows.flatMap((row): Notification[] => {
      const mine = actors.filter((a) => a.notification_id === row.id);
      const named = mine.flatMap((a) => {
        const p = profiles.get(a.actor_id);
        return p ? [{ id: p.id, username: p.username, displayName: p.displayName, avatarUrl: p.avatarUrl }] : [];
      });
      // Every actor of the group blocked (or gone) since: nothing left to tell.
      if (named.length === 0) return [];
      return [
        {
          id: row.id,
          kind: row.kind,
          read: row.read_at !== null,
          at: row.acted_at.toISOString(),
          actors: named,
          actorCount: mine[0]?.total ?? named.length,
          target: targets.get(row.id) ?? { type: row.target_type, id: row.target_id, title: null, available: false },
        },
      ];
    });
    return { items, nextCursor };
  }

  /** Targets as the recipient may see them now: a track or playlist they lost sight of shows no title. */
  private async targets(rows: GroupRow[], viewer: Viewer): Promise<Map<string, NotificationTarget>> {
    const trackIds = [...new Set(rows.filter((r) => r.target_type === 'track').map((r) => r.target_id))];
    const playlistIds = [...new Set(rows.filter((r) => r.target_type === 'playlist').map((r) => r.target_id))];
    const [tracks, playlists] = await Promise.all([
      this.deps.tracks.visibleSummaries(trackIds, viewer),
      Promise.all(
        playlistIds.map((id) =>
          this.deps.library.get(id, viewer).then(
            (p) => [id, p.title] as const,
            (err: unknown) => {
              if (err instanceof PlaylistNotFound) return [id, null] as const;
              throw err;
            },
          ),
        ),
      ).then((pairs) => new Map(pairs)),
    ]);
    const out = new Map<string, NotificationTarget>();
    for (const row of rows) {
      const title =
        row.target_type === 'track'
          ? (tracks.get(row.target_id)?.title ?? null)
          : row.target_type === 'playlist'
            ? (playlists.get(row.target_id) ?? null)
            : null;
      const available = row.target_type === 'user' || title !== null;
      out.set(row.id, { type: row.target_type, id: row.target_id, title, available });
    }
    return out;
  }

  /** A push that cannot be sent is dropped: pages re-read the count on reconnect, and the action stands. */
  private async pushUnread(userId: string, unread: number): Promise<void> {
    await this.deps.bus.publish('notifications.unread', { userId, unread }).catch(() => undefined);
  }
}
