import type { Logger } from 'pino';
import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import type { EventPublisher } from '@/platform/events/outbox';
import type { BlobStorage } from '@/platform/storage/storage';
import { commitTrackChange } from './track-changes';
import { TracksRepo } from './tracks.repo';

/**
 * How long a track may sit in `processing` before a missing original counts
 * as an orphan. Generous on purpose: a slow upload on a poor connection
 * still has its (partial) file on disk and is never touched.
 */
export const ORPHAN_TRACK_AGE_THRESHOLD_MS = 60 * 60 * 1000;

export const ORPHAN_TRACK_MESSAGE = 'orphan cleanup: file missing on disk after >1h in processing';

export interface OrphanCleanupDeps {
  /** Optional so a misconfigured caller gets a no-op, never a crash at boot. */
  db: Db | undefined;
  storage: BlobStorage;
  clock: Clock;
  log: Logger;
  /** Failing a track is a `track.changed`. */
  events: EventPublisher;
}

/**
 * Tracks stuck in `processing` for over an hour whose original is gone (the
 * server died mid-upload, or the file was removed) can never finish: they
 * become `failed` with a reason. Never deletes anything, never touches a
 * track whose file is present or which is in another state; safe to run
 * again and again.
 */
export async function cleanupOrphanTracks(
  deps: OrphanCleanupDeps,
  opts: { limit?: number } = {},
): Promise<{ failed: number; scanned: number }> {
  const { db } = deps;
  if (!db) return { failed: 0, scanned: 0 };
  const repo = new TracksRepo(db, deps.clock);
  const cutoff = new Date(deps.clock.now().getTime() - ORPHAN_TRACK_AGE_THRESHOLD_MS);
  const stuck = await repo.processingCreatedBefore(cutoff, opts.limit ?? 500);
  let failed = 0;
  for (const track of stuck) {
    if (await deps.storage.stat(track.file_path)) continue;
    // Guarded on `processing`: a job finishing meanwhile wins and the row is left alone.
    const flipped = await commitTrackChange(db, deps.events, (trx) =>
      repo.transition(track.id, 'processing', 'failed', { status_message: ORPHAN_TRACK_MESSAGE }, { trx }),
    );
    if (!flipped) continue;
    failed += 1;
    deps.log.info(
      { action: 'tracks.cleanup-orphans', trackId: track.id, filePath: track.file_path },
      'orphan track marked failed',
    );
  }
  return { failed, scanned: stuck.length };
}
