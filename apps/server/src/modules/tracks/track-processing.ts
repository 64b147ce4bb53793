import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import type { TrackRow } from './tracks.tables';
import type { EventBus, LiveEvents } from '@/platform/events/bus';
import type { EventPublisher } from '@/platform/events/outbox';
import { NotAnImage, coverThumbnails } from '@/platform/media/cover';
import type { MediaTools } from '@/platform/media/ffmpeg-binaries';
import type { EncoderBudget } from '@/platform/media/encoder-budget';
import { allOrFirstFailure } from '@/platform/media/fail-fast';
import { transcodeToHls } from '@/platform/media/hls';
import type { Loudness } from '@/platform/media/loudness';
import { NotAudio, probeAudio } from '@/platform/media/probe';
import { embeddedTags } from '@/platform/media/tags';
import { verifyDecodes } from '@/platform/media/verify-decodes';
import { waveformPeaks } from '@/platform/media/waveform';
import type { BlobStorage } from '@/platform/storage/storage';
import type { JobQueue } from '@/platform/jobs/queue';
import type { TracksJobs } from './tracks.jobs';
import { commitTrackChange } from './track-changes';
import { TracksRepo } from './tracks.repo';
import { COVER_SIZES, trackKeys } from './tracks.service';

/** A holder silent this long is presumed dead (it beats every HEARTBEAT_MS). */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 45_000;

export interface ProcessingDeps {
  db: Db;
  storage: BlobStorage;
  clock: Clock;
  media: MediaTools;
  bus: Pick<EventBus<LiveEvents>, 'publish'>;
  /** Becoming ready or failed is a `track.changed` (search indexes what became findable). */
  events: EventPublisher;
  /** Scratch space for ffmpeg's output before it is published to storage. */
  workDir: string;
  /** Aborted at shutdown: running ffmpegs are killed rather than orphaned. */
  shutdownSignal?: AbortSignal;
  /** How many encoders a transcode may run; one each without it. */
  encoderBudget?: EncoderBudget;
}

export interface ProcessingContext {
  log: Logger;
  isLastAttempt: boolean;
}

/**
 * Queues and runs the processing of tracks. The queue is reached only
 * here: the tracks service asks for a track to be processed, the job
 * runs `process`, the sweep re-queues tracks whose worker died.
 */
export class TrackProcessingService {
  constructor(
    private readonly deps: ProcessingDeps & {
      jobs: Pick<JobQueue<TracksJobs>, 'send' | 'started'>;
      log: Logger;
    },
  ) {}

  /** Not started (CLI, tests): the resume sweep of the next worker queues it. */
  async enqueue(trackId: string): Promise<void> {
    if (!this.deps.jobs.started) return;
    await this.deps.jobs
      .send('tracks.process', { trackId }, { singletonKey: `tracks.process:${trackId}` })
      .catch((err: unknown) => this.deps.log.warn({ err, trackId }, 'could not queue track processing'));
  }

  process(trackId: string, ctx: ProcessingContext): Promise<void> {
    return processTrack(this.deps, trackId, ctx);
  }

  /** Processing tracks nobody works on (a killed worker, a job never queued) are queued again. */
  async resumeStalled(log: Logger): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const stalled = await new TracksRepo(this.deps.db, this.deps.clock).stalled({
      unclaimedBefore: new Date(now - 2 * 60_000),
      silentBefore: new Date(now - STALE_AFTER_MS),
      limit: 100,
    });
    for (const { id } of stalled) {
      await this.enqueue(id);
      log.info({ action: 'tracks.resume-stalled', trackId: id }, 'stalled track queued again');
    }
    return stalled.length;
  }
}

/** Published layout: every attempt writes under its own prefix; the row points at the one that won. */
export const publishedKeys = {
  hls: (trackId: string, attempt: string) => `tracks/${trackId}/hls/${attempt}`,
  cover: (trackId: string, attempt: string) => `tracks/${trackId}/cover/${attempt}`,
};

/**
 * Turns a track's original into everything playback needs: probe, tags,
 * loudness, waveform, cover thumbnails and the HLS renditions. Outputs go
 * to a prefix of this attempt's own and become visible only when the row
 * flips to `ready` pointing at them, in one guarded UPDATE: a listener
 * never sees half a track, and a crashed attempt leaves nothing that
 * matters. A file that is not audio fails at once; other errors are
 * retried by the queue, and the last failure fails the track.
 */
async function processTrack(deps: ProcessingDeps, trackId: string, ctx: ProcessingContext): Promise<void> {
  const repo = new TracksRepo(deps.db, deps.clock);
  const attempt = `${deps.clock.now().getTime().toString(36)}-${randomBytes(4).toString('hex')}`;
  const now = deps.clock.now();
  const track = await repo.claim(trackId, attempt, now, new Date(now.getTime() - STALE_AFTER_MS));
  if (!track) {
    ctx.log.info({ trackId }, 'track not claimable (finished, failed, gone, or held by a live attempt)');
    return;
  }
  const startedAt = performance.now();
  const progress = new ProgressReporter(deps, repo, track, attempt);
  const heartbeat = setInterval(() => void progress.beat(), HEARTBEAT_MS);
  const abort = new AbortController();
  const onShutdown = () => abort.abort(new Error('server shutting down'));
  deps.shutdownSignal?.addEventListener('abort', onShutdown, { once: true });
  const scratch = path.join(deps.workDir, `${trackId}-${attempt}`);
  const share = deps.encoderBudget?.take() ?? { encoders: 1, release: () => undefined };
  try {
    const outputs = await deps.storage
      .withLocalFile(track.file_path, (input) =>
        analyseAndTranscode(deps, { input, scratch, progress, signal: abort.signal, encoders: share.encoders }),
      )
      .finally(share.release);
    const cover = await publishCover(deps, track, attempt, outputs.tags.picture?.data, ctx.log);
    await moveIntoStorage(deps.storage, path.join(scratch, 'hls'), publishedKeys.hls(trackId, attempt));

    const ready = await commitTrackChange(deps.db, deps.events, (trx) =>
      repo.transition(
        trackId,
        'processing',
        'ready',
        {
          hls_prefix: publishedKeys.hls(trackId, attempt),
          cover_key: cover ?? track.cover_key,
          duration_ms: Math.round(outputs.durationSec * 1000),
          codec: outputs.probe.codec,
          sample_rate: outputs.probe.sampleRate,
          channels: outputs.probe.channels,
          loudness_lufs: outputs.loudness.integratedLufs,
          peak_dbfs: outputs.loudness.peakDbfs,
          waveform: JSON.stringify(outputs.waveform),
          // Tags fill only what the artist left empty.
          genre: track.genre ?? outputs.tags.genre ?? null,
          progress: 100,
          status_message: null,
          heartbeat_at: null,
          ready_at: deps.clock.now(),
        },
        { attempt, trx },
      ),
    );
    if (!ready) {
      // Deleted meanwhile, or a resumed attempt took over: ours is garbage.
      await deps.storage.deletePrefix(`${publishedKeys.hls(trackId, attempt)}/`);
      if (cover) await deps.storage.deletePrefix(`${cover}/`);
      return;
    }
    await deps.storage.delete(trackKeys.coverUpload(trackId));
    await progress.announce('ready', 100, null);
    const tookMs = Math.round(performance.now() - startedAt);
    ctx.log.info({ action: 'tracks.process', trackId, attempt, durationMs: ready.duration_ms, tookMs }, 'track ready');
  } catch (err) {
    await deps.storage.deletePrefix(`tracks/${trackId}/hls/${attempt}/`).catch(() => undefined);
    await deps.storage.deletePrefix(`tracks/${trackId}/cover/${attempt}/`).catch(() => undefined);
    const permanent = err instanceof NotAudio;
    if (permanent || (ctx.isLastAttempt && !abort.signal.aborted)) {
      const message = permanent ? err.message : 'Processing failed repeatedly. Retry, or upload the file again.';
      const failed = await commitTrackChange(deps.db, deps.events, (trx) =>
        repo.transition(
          trackId,
          'processing',
          'failed',
          { status_message: message, heartbeat_at: null },
          { attempt, trx },
        ),
      );
      if (failed) await progress.announce('failed', failed.progress, message);
      ctx.log.warn({ action: 'tracks.process', trackId, attempt, err }, 'track failed');
      if (permanent) return;
    } else {
      await repo.release(trackId, attempt);
    }
    throw err;
  } finally {
    clearInterval(heartbeat);
    deps.shutdownSignal?.removeEventListener('abort', onShutdown);
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

interface Outputs {
  probe: Awaited<ReturnType<typeof probeAudio>>;
  durationSec: number;
  tags: Awaited<ReturnType<typeof embeddedTags>>;
  loudness: Loudness;
  waveform: number[];
}

/**
 * The analysis passes (full-decode check with the loudness meter, tags,
 * waveform) are quick decodes that run beside the transcode rather than
 * before it: on a multi-core machine the track is ready when the encoders
 * are done. The first failure (a cut file, above all) stops the rest.
 */
async function analyseAndTranscode(
  deps: ProcessingDeps,
  job: { input: string; scratch: string; progress: ProgressReporter; signal: AbortSignal; encoders: number },
): Promise<Outputs> {
  const { input, progress } = job;
  const probe = await probeAudio(deps.media, input);
  const [results] = await allOrFirstFailure(
    [
      async (signal) => {
        const [check, tags] = await Promise.all([
          verifyDecodes(deps.media, input, { expectedDurationSec: probe.durationSec, demuxer: probe.demuxer, signal }),
          embeddedTags(input),
        ]);
        const durationSec = check.decodedDurationSec || probe.durationSec;
        // Sized by the decoded length; one decode at a time beside the encoders.
        const waveform = await waveformPeaks(deps.media, input, { durationSec, demuxer: probe.demuxer, signal });
        return { durationSec, tags, loudness: check.loudness, waveform };
      },
      (signal) =>
        transcodeToHls(deps.media, {
          input,
          demuxer: probe.demuxer,
          outDir: path.join(job.scratch, 'hls'),
          durationSec: probe.durationSec,
          encoders: job.encoders,
          signal,
          onProgress: (percent) => void progress.set(Math.floor(percent * 0.97)),
        }),
    ],
    job.signal,
  );
  return { probe, ...results };
}

/** The artist's uploaded cover wins over the one embedded in the file; neither is fatal when broken. */
async function publishCover(
  deps: ProcessingDeps,
  track: TrackRow,
  attempt: string,
  embedded: Buffer | undefined,
  log: Logger,
): Promise<string | null> {
  const uploaded = await deps.storage
    .get(trackKeys.coverUpload(track.id))
    .then((stream) => stream.toArray().then((chunks) => Buffer.concat(chunks as Buffer[])))
    .catch(() => undefined);
  const source = uploaded ?? (track.cover_key ? undefined : embedded);
  if (!source) return null;
  try {
    const prefix = publishedKeys.cover(track.id, attempt);
    for (const thumb of await coverThumbnails(source, COVER_SIZES))
      await deps.storage.put(`${prefix}/${thumb.size}.jpg`, thumb.buffer);
    return prefix;
  } catch (err) {
    if (!(err instanceof NotAnImage)) throw err;
    log.warn({ trackId: track.id }, 'cover is not an image; track published without it');
    return null;
  }
}

/** Hands the folder's files to storage (moved, not copied, on one local file system: benchmark X). */
async function moveIntoStorage(storage: BlobStorage, folder: string, prefix: string): Promise<void> {
  for (const entry of await fs.readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    await storage.adopt(`${prefix}/${path.relative(folder, file).split(path.sep).join('/')}`, file);
  }
}

/** Percent to the row (throttled) and to the event bus, and the heartbeat that proves the attempt alive. */
class ProgressReporter {
  private percent = 0;
  private written = -1;
  private lastWriteAt = 0;
  private beating: Promise<void> | undefined;

  constructor(
    private readonly deps: ProcessingDeps,
    private readonly repo: TracksRepo,
    private readonly track: TrackRow,
    private readonly attempt: string,
  ) {}

  async set(percent: number): Promise<void> {
    this.percent = Math.min(99, Math.max(this.percent, percent));
    const due = this.percent - this.written >= 5 || this.deps.clock.now().getTime() - this.lastWriteAt > 2_000;
    if (due && this.percent !== this.written) await this.beat();
  }

  /** One write at a time: the timer and progress can both ask, and a slow fsync must not stack them up. */
  beat(): Promise<void> {
    this.beating ??= this.write().finally(() => (this.beating = undefined));
    return this.beating;
  }

  private async write(): Promise<void> {
    this.written = this.percent;
    this.lastWriteAt = this.deps.clock.now().getTime();
    await this.repo.heartbeat(this.track.id, this.attempt, this.deps.clock.now(), this.percent).catch(() => undefined);
    await this.announce('processing', this.percent, null);
  }

  async announce(
    status: 'processing' | 'ready' | 'failed',
    progress: number,
    statusMessage: string | null,
  ): Promise<void> {
    await this.deps.bus
      .publish('track.progress', {
        trackId: this.track.id,
        ownerId: this.track.owner_id,
        status,
        progress,
        statusMessage,
      })
      .catch(() => undefined);
  }
}
