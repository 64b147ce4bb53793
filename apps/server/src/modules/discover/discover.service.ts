import type { Logger } from 'pino';
import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import type { Principal } from '@/platform/http/access';
import type { PlaysService } from '@/modules/plays/plays.service';
import type { SocialService } from '@/modules/social/social.service';
import type { TrackPage, TracksService } from '@/modules/tracks/tracks.service';
import { UserNotFound } from '@/modules/users/users.errors';
import type { UsersService } from '@/modules/users/users.service';
import { DiscoverRepo } from './discover.repo';
import type { DiscoverSections, GenreTracks } from './discover.schemas';

/** The window trending counts plays over. */
export const TRENDING_DAYS = 7;
/** Tracks kept per refresh: enough that a viewer still gets a full section after their hidden ones drop out. */
export const TRENDING_KEPT = 200;
export const SECTION_SIZE = 20;
export const GENRES_SHOWN = 30;

type Viewer = Pick<Principal, 'userId' | 'role'> | undefined;

export interface DiscoverDeps {
  db: Db;
  clock: Clock;
  plays: Pick<PlaysService, 'mostPlayedSince'>;
  tracks: Pick<TracksService, 'findableSummaries' | 'browsePublic' | 'publicGenres' | 'listForProfile'>;
  users: Pick<UsersService, 'findByUsername'>;
  social: Pick<SocialService, 'blockedEitherWay'>;
}

/**
 * What a listener browses without a query: trending, new releases, genres,
 * and a profile's tracks. Trending is a snapshot a job refreshes; what each
 * viewer may see of it is decided when they look (the tracks module's
 * findable rule, minus the people a block stands between them and).
 */
export class DiscoverService {
  private readonly repo: DiscoverRepo;

  constructor(private readonly deps: DiscoverDeps) {
    this.repo = new DiscoverRepo(deps.db);
  }

  /** Counts the last week's plays again into the snapshot (the job; idempotent). */
  async refreshTrending(log?: Logger): Promise<{ tracks: number }> {
    const rows = await this.deps.plays.mostPlayedSince(TRENDING_DAYS, TRENDING_KEPT);
    await this.repo.replaceTrending(rows, this.deps.clock.now());
    log?.info({ action: 'discover.refresh-trending', tracks: rows.length }, 'trending refreshed');
    return { tracks: rows.length };
  }

  async sections(viewer: Viewer): Promise<DiscoverSections> {
    const hidden = await this.hiddenFrom(viewer);
    const [trending, newReleases, genres] = await Promise.all([
      this.trending(viewer, hidden),
      this.deps.tracks.browsePublic({ limit: SECTION_SIZE, excludeOwnerIds: hidden }),
      this.deps.tracks.publicGenres({ excludeOwnerIds: hidden, limit: GENRES_SHOWN }),
    ]);
    return { trending, newReleases: newReleases.items, genres };
  }

  /** Public tracks of one genre (case-insensitive), newest first. An unknown genre is an empty list. */
  async genre(viewer: Viewer, genre: string, opts: { cursor?: string; limit?: number }): Promise<GenreTracks> {
    const hidden = await this.hiddenFrom(viewer);
    const page = await this.deps.tracks.browsePublic({ ...opts, genre: genre.trim(), excludeOwnerIds: hidden });
    return { genre: genre.trim(), ...page };
  }

  /** A user's ready tracks, newest first: public ones to others, all of them to the user. */
  async userTracks(username: string, viewer: Viewer, opts: { cursor?: string; limit?: number }): Promise<TrackPage> {
    const user = await this.deps.users.findByUsername(username);
    if (!user) throw new UserNotFound();
    return this.deps.tracks.listForProfile(user.id, viewer, opts);
  }

  private async trending(viewer: Viewer, hidden: readonly string[]): Promise<DiscoverSections['trending']> {
    const rows = await this.repo.trending(TRENDING_KEPT);
    const playsById = new Map(rows.map((r) => [r.track_id, r.plays]));
    const blocked = new Set(hidden);
    const tracks = await this.deps.tracks.findableSummaries(
      viewer,
      rows.map((r) => r.track_id),
    );
    return tracks
      .filter((track) => !blocked.has(track.artist.id))
      .slice(0, SECTION_SIZE)
      .map((track) => ({ track, plays: playsById.get(track.id) ?? 0 }));
  }

  private async hiddenFrom(viewer: Viewer): Promise<string[]> {
    return viewer ? this.deps.social.blockedEitherWay(viewer.userId) : [];
  }
}
