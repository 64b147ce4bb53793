import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import type { Principal } from '@/platform/http/access';
import { QuotaExceeded, RateLimited } from '@/platform/http/errors';
import { ipRateLimitKey } from '@/platform/ratelimit/ip-key';
import type { RateLimiter, RateLimiterFactory } from '@/platform/ratelimit/limiter';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { Track } from '@/modules/tracks/tracks.schemas';
import { decodeCursor, encodeCursor } from '@/platform/db/keyset';
import { PlaysRepo } from './plays.repo';

/** Heard this long (or half the track, when shorter), a playback counts as a play. */
export const PLAY_THRESHOLD_MS = 30_000;
/** A player may report a little more than the wall time since it started (buffering, clock drift). */
const LISTEN_SLACK_MS = 5_000;
/**
 * Counted plays of one track per listener (their account, else their
 * address) per hour. A real fan replaying a song stays well under it; a
 * script opening playback after playback to inflate a count is stopped
 * there. Plays past it are still heard, just not counted.
 */
export const COUNTED_PLAYS_PER_LISTENER_HOUR = 10;

export interface PlayReport {
  sessionId: string;
  positionMs: number;
  /** Time actually heard in this playback so far (not the position: seeking is not listening). */
  listenedMs: number;
}

export interface HistoryEntry {
  id: string;
  playedAt: string;
  track: Track;
}

/** Pages of history read at most this many times over to fill up past tracks the listener may no longer see. */
const HISTORY_READS_PER_PAGE = 5;

export interface PlaysDeps {
  db: Db;
  clock: Clock;
  tracks: Pick<TracksService, 'visibleTrack' | 'countPlay' | 'visibleSummaries'>;
  rateLimiters: RateLimiterFactory;
  /** New playbacks (play sessions) one address may open per hour. */
  settings: { sessionsPerIpHour: number };
}

export class PlaysService {
  private readonly countedPerListener: RateLimiter;
  private readonly sessionsPerAddress: RateLimiter;
  private readonly repo: PlaysRepo;

  constructor(private readonly deps: PlaysDeps) {
    this.repo = new PlaysRepo(deps.db);
    this.countedPerListener = deps.rateLimiters.create({
      name: 'plays-counted',
      points: COUNTED_PLAYS_PER_LISTENER_HOUR,
      durationMs: 3_600_000,
    });
    this.sessionsPerAddress = deps.rateLimiters.create({
      name: 'play-sessions-ip',
      points: deps.settings.sessionsPerIpHour,
      durationMs: 3_600_000,
    });
  }

  /**
   * Records how much of a track a playback has heard and counts the play
   * once per playback when it crosses the threshold: the session row, the
   * history row and the track's counter change in one transaction, guarded
   * on `counted_at IS NULL`, so racing reports count it once. A report may
   * not claim more listening than the wall time since the playback began.
   */
  async report(
    trackId: string,
    viewer: Principal | undefined,
    report: PlayReport,
    client: { ip: string },
  ): Promise<{ counted: boolean }> {
    const track = await this.deps.tracks.visibleTrack(trackId, viewer);
    const address = ipRateLimitKey(client.ip);
    await this.admitSession(trackId, report.sessionId, address);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const plays = new PlaysRepo(trx);
      const session = await plays.touchSession({
        sessionId: report.sessionId,
        trackId,
        userId: viewer?.userId ?? null,
        now,
      });
      const plausible = now.getTime() - session.created_at.getTime() + LISTEN_SLACK_MS;
      const listened = Math.max(session.listened_ms, Math.min(report.listenedMs, plausible));
      const threshold = Math.min(PLAY_THRESHOLD_MS, Math.max(1, (track.duration_ms ?? Infinity) / 2));
      const listener = viewer ? `user:${viewer.userId}` : `ip:${address}`;
      const countNow =
        session.counted_at === null && listened >= threshold && (await this.mayCount(`${listener}:${trackId}`));

      const recorded = await plays.recordListening({
        sessionId: report.sessionId,
        trackId,
        listenedMs: listened,
        ...(countNow ? { countedAt: now } : {}),
      });
      if (!countNow || !recorded) return { counted: session.counted_at !== null };

      await plays.addToHistory({
        userId: viewer?.userId ?? null,
        trackId,
        playedAt: now,
        listenedMs: Math.round(listened),
      });
      // The counter is the tracks module's column: it changes it, in this transaction.
      await this.deps.tracks.countPlay(trackId, trx);
      return { counted: true };
    });
  }

  /**
   * Every playback opens a session row: an address opening more of them in an
   * hour than any household plays is a script filling the table, and is told
   * when to come back. Reports of a session already open are never refused.
   */
  private async admitSession(trackId: string, sessionId: string, address: string): Promise<void> {
    if (await this.repo.sessionExists(sessionId, trackId)) return;
    await this.sessionsPerAddress.consume(`ip:${address}`).catch((err: unknown) => {
      if (!(err instanceof RateLimited)) throw err;
      throw new QuotaExceeded(
        'PLAY_SESSIONS_EXCEEDED',
        `This address started more than ${this.deps.settings.sessionsPerIpHour} playbacks this hour.`,
        err.retryAfterSeconds,
      );
    });
  }

  /** Whether this listener has counted plays of the track left this hour (one is taken if so). */
  private async mayCount(key: string): Promise<boolean> {
    try {
      await this.countedPerListener.consume(key);
      return true;
    } catch (err) {
      if (err instanceof RateLimited) return false;
      throw err;
    }
  }

  /**
   * The listener's counted plays, newest first, of tracks they may still
   * see (a track made private or deleted since drops out). A page may be
   * short when many entries were hidden; `nextCursor` still goes on.
   */
  async history(
    viewer: Principal,
    opts: { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
    const limit = opts.limit ?? 20;
    const items: HistoryEntry[] = [];
    let after = opts.cursor ? decodeCursor(opts.cursor) : undefined;
    for (let read = 0; read < HISTORY_READS_PER_PAGE; read += 1) {
      const want = limit - items.length;
      const rows = await this.repo.history(viewer.userId, { limit: want, ...(after ? { after } : {}) });
      const seen = rows.slice(0, want);
      const visible = await this.deps.tracks.visibleSummaries(
        seen.map((row) => row.track_id),
        viewer,
      );
      for (const row of seen) {
        const track = visible.get(row.track_id);
        if (track) items.push({ id: row.id, playedAt: row.played_at.toISOString(), track });
      }
      const last = seen.at(-1);
      if (rows.length <= want || !last) return { items, nextCursor: null };
      after = { at: last.played_at, id: last.id };
      if (items.length === limit) break;
    }
    return { items, nextCursor: after ? encodeCursor(after) : null };
  }

  async clearHistory(viewer: Principal): Promise<void> {
    await this.repo.clearHistory(viewer.userId);
  }

  /**
   * The most played tracks of the last `days` days by counted plays, most
   * first, whoever may see them (discover filters per viewer). Cleared
   * histories still count: clearing forgets the listener, not the play.
   */
  async mostPlayedSince(days: number, limit: number): Promise<{ trackId: string; plays: number }[]> {
    const since = new Date(this.deps.clock.now().getTime() - days * 86_400_000);
    const rows = await this.repo.playsPerTrack(since, limit);
    return rows.map((r) => ({ trackId: r.track_id, plays: r.plays }));
  }

  /** Plays per UTC day over the artist's tracks, the last `days` days, zeros included. */
  async artistPlaysPerDay(
    ownerId: string,
    days: number,
  ): Promise<{ total: number; days: { date: string; plays: number }[] }> {
    const today = startOfUtcDay(this.deps.clock.now());
    const since = new Date(today.getTime() - (days - 1) * 86_400_000);
    const rows = await this.repo.playsPerDay(ownerId, since);
    const byDate = new Map(rows.map((r) => [r.date, r.plays]));
    const series = Array.from({ length: days }, (_, i) => {
      const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      return { date, plays: byDate.get(date) ?? 0 };
    });
    return { total: series.reduce((sum, d) => sum + d.plays, 0), days: series };
  }
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
