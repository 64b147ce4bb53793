import type { Db } from '@/platform/db/db';
import { pageOf, pageRequest } from '@/platform/db/keyset';
import type { Principal } from '@/platform/http/access';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { FeedRepo } from './feed.repo';
import type { FeedItem, FeedPage, FeedUser } from './feed.schemas';

/** How many reposters an item names ("A, B and 3 others"). */
const NAMED_REPOSTERS = 3;

export interface FeedDeps {
  db: Db;
  tracks: Pick<TracksService, 'findableSummaries'>;
  users: Pick<UsersService, 'publicProfiles'>;
}

/** The signed-in listener's feed: uploads and reposts of the people they follow, newest first. */
export class FeedService {
  private readonly repo: FeedRepo;

  constructor(private readonly deps: FeedDeps) {
    this.repo = new FeedRepo(deps.db);
  }

  async feed(principal: Principal, opts: { cursor?: string; limit?: number }): Promise<FeedPage> {
    const request = pageRequest(opts);
    const viewer = { userId: principal.userId, role: principal.role };
    const rows = await this.repo.page(viewer, request);
    const { rows: page, nextCursor } = pageOf(rows, request.limit, (r) => ({ at: r.at, id: r.track_id }));
    const ids = page.map((r) => r.track_id);
    // The tracks module has the last word on what may be shown, whatever the query above found.
    const [tracks, reposts] = await Promise.all([
      this.deps.tracks.findableSummaries(viewer, ids),
      this.repo.repostersAmongFollowed(principal.userId, ids),
    ]);
    const byId = new Map(tracks.map((t) => [t.id, t]));
    const followedOwners = await this.repo.followed(
      principal.userId,
      tracks.map((t) => t.artist.id),
    );
    const reposters = new Map<string, string[]>();
    for (const r of reposts) reposters.set(r.track_id, [...(reposters.get(r.track_id) ?? []), r.user_id]);
    const named = [...new Set([...reposters.values()].flatMap((users) => users.slice(0, NAMED_REPOSTERS)))];
    const profiles = await this.deps.users.publicProfiles(named);

    const items = page.flatMap((row): FeedItem[] => {
      const track = byId.get(row.track_id);
      if (!track) return [];
      const users = reposters.get(row.track_id) ?? [];
      return [
        {
          at: row.at.toISOString(),
          kind: followedOwners.has(track.artist.id) ? 'upload' : 'repost',
          track,
          repostedBy: {
            users: users.slice(0, NAMED_REPOSTERS).flatMap((id) => {
              const p = profiles.get(id);
              return p ? [shortUser(p)] : [];
            }),
            total: users.length,
          },
        },
      ];
    });
    return { items, nextCursor };
  }
}

function shortUser(p: FeedUser): FeedUser {
  return { id: p.id, username: p.username, displayName: p.displayName, avatarUrl: p.avatarUrl };
}
