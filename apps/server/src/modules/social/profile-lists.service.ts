import type { Db } from '@/platform/db/db';
import { pageOf, pageRequest } from '@/platform/db/keyset';
import type { Principal } from '@/platform/http/access';
import type { Track } from '@/modules/tracks/tracks.schemas';
import type { TracksService } from '@/modules/tracks/tracks.service';
import { UserNotFound } from '@/modules/users/users.errors';
import type { UsersService } from '@/modules/users/users.service';
import { LikesHidden } from './social.errors';
import type { PageOptions, Page } from './social.service';
import type { TrackEdgeTableName } from './social.tables';
import { ProfileListsRepo } from './profile-lists.repo';

type Viewer = Pick<Principal, 'userId' | 'role'> | undefined;

export interface ProfileListsDeps {
  db: Db;
  tracks: Pick<TracksService, 'visibleSummaries'>;
  users: Pick<UsersService, 'findByUsername'>;
}

/** What a profile shows of a user's likes and reposts, to whoever looks. */
export class ProfileListsService {
  private readonly repo: ProfileListsRepo;

  constructor(private readonly deps: ProfileListsDeps) {
    this.repo = new ProfileListsRepo(deps.db);
  }

  /** The tracks a user liked, newest like first; refused when they keep their likes to themselves. */
  async likes(username: string, viewer: Viewer, opts: PageOptions): Promise<Page<{ likedAt: string; track: Track }>> {
    const user = await this.userNamed(username);
    if (!user.likes_public && viewer?.userId !== user.id) throw new LikesHidden();
    const page = await this.edges('track_likes', user.id, viewer, opts);
    return { items: page.items.map(({ at, track }) => ({ likedAt: at, track })), nextCursor: page.nextCursor };
  }

  /** The tracks a user reposted, newest repost first. */
  async reposts(
    username: string,
    viewer: Viewer,
    opts: PageOptions,
  ): Promise<Page<{ repostedAt: string; track: Track }>> {
    const user = await this.userNamed(username);
    const page = await this.edges('track_reposts', user.id, viewer, opts);
    return { items: page.items.map(({ at, track }) => ({ repostedAt: at, track })), nextCursor: page.nextCursor };
  }

  private async edges(
    table: TrackEdgeTableName,
    userId: string,
    viewer: Viewer,
    opts: PageOptions,
  ): Promise<Page<{ at: string; track: Track }>> {
    const request = pageRequest(opts);
    const rows = await this.repo.edgePage(table, userId, viewer, request);
    const { rows: page, nextCursor } = pageOf(rows, request.limit, (r) => ({ at: r.created_at, id: r.track_id }));
    const tracks = await this.deps.tracks.visibleSummaries(
      page.map((r) => r.track_id),
      viewer,
    );
    // A track hidden between the two reads is left out, never shown.
    const items = page.flatMap((r) => {
      const track = tracks.get(r.track_id);
      return track ? [{ at: r.created_at.toISOString(), track }] : [];
    });
    return { items, nextCursor };
  }

  private async userNamed(username: string) {
    const user = await this.deps.users.findByUsername(username);
    if (!user) throw new UserNotFound();
    return user;
  }
}
