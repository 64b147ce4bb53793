import type { Db } from '@/platform/db/db';
import { pageOf, pageRequest } from '@/platform/db/keyset';
import type { Principal } from '@/platform/http/access';
import type { LibraryService } from '@/modules/library/library.service';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { FeedRepo } from './feed.repo';
import type { FeedItem, FeedPage, FeedUser } from './feed.schemas';

/** How many reposters an item names ("A, B and 3 others"). */
const NAMED_REPOSTERS = 3;

export interface FeedDeps {
  db: Db;
  tracks: Pick<TracksService, 'findableSummaries'>;
  library: Pick<LibraryService, 'visibleSummaries'>;
  users: Pick<UsersService, 'publicProfiles'>;
}

/** The signed-in listener's feed: uploads and reposts (of tracks and playlists) of the people they follow, newest first. */
export class FeedService {
  private readonly repo: FeedRepo;

  constructor(private readonly deps: FeedDeps) {
    this.repo = new FeedRepo(deps.db);
  }

  async feed(principal: Principal, opts: { cursor?: string; limit?: number }): Promise<FeedPage> {
    const request = pageRequest(opts);
    const viewer = { userId: principal.userId, role: principal.role };
    const me = principal.userId;
    const rows = await this.repo.page(viewer, request);
    const { rows: page, nextCursor } = pageOf(rows, request.limit, (r) => ({ at: r.at, id: r.id }));
    const trackIds = page.flatMap((r) => (r.kind === 'track' ? [r.id] : []));
    const playlistIds = page.flatMap((r) => (r.kind === 'playlist' ? [r.id] : []));
    // The tracks and library modules have the last word on what may be shown, whatever the queries above found.
    const [tracks, playlists, trackReposts, playlistReposts] = await Promise.all([
      this.deps.tracks.findableSummaries(viewer, trackIds),
      this.deps.library.visibleSummaries(playlistIds, viewer),
      this.repo.repostersAmongFollowed(me, 'track', trackIds),
      this.repo.repostersAmongFollowed(me, 'playlist', playlistIds),
    ]);
    const trackById = new Map(tracks.map((t) => [t.id, t]));
    const followedOwners = await this.repo.followed(
      me,
      tracks.map((t) => t.artist.id),
    );
    const reposters = new Map<string, string[]>();
    for (const r of [...trackReposts, ...playlistReposts])
      reposters.set(r.of, [...(reposters.get(r.of) ?? []), r.user_id]);
    const named = [...new Set([...reposters.values()].flatMap((users) => users.slice(0, NAMED_REPOSTERS)))];
    const profiles = await this.deps.users.publicProfiles(named);
    const repostedBy = (id: string) => {
      const users = reposters.get(id) ?? [];
      return {
        users: users.slice(0, NAMED_REPOSTERS).flatMap((userId) => {
          const p = profiles.get(userId);
          return p ? [shortUser(p)] : [];
        }),
        total: users.length,
      };
    };

    const items = page.flatMap((row): FeedItem[] => {
      const at = row.at.toISOString();
      if (row.kind === 'playlist') {
        const playlist = playlists.get(row.id);
        return playlist ? [{ at, kind: 'playlist', playlist, repostedBy: repostedBy(row.id) }] : [];
      }
      const track = trackById.get(row.id);
      if (!track) return [];
      const kind = followedOwners.has(track.artist.id) ? 'upload' : 'repost';
      return [{ at, kind, track, repostedBy: repostedBy(row.id) }];
    });
    return { items, nextCursor };
  }
}

function shortUser(p: FeedUser): FeedUser {
  return { id: p.id, username: p.username, displayName: p.displayName, avatarUrl: p.avatarUrl };
}
