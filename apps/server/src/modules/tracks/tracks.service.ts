import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Clock } from '@/platform/clock/clock';
import type { EventPublisher } from '@/platform/events/outbox';
import type { Db, DbOrTx, Tx } from '@/platform/db/db';
import type { TrackRow } from './tracks.tables';
import { pageOf, pageRequest, type PageRequest } from '@/platform/db/keyset';
import { Forbidden, Unauthorized, Validation } from '@/platform/http/errors';
import type { MediaTools } from '@/platform/media/ffmpeg-binaries';
import { NotAudio, probeAudio } from '@/platform/media/probe';
import { BlobTooLarge, type BlobStorage } from '@/platform/storage/storage';
import type { Principal } from '@/platform/http/access';
import type { RateLimiterFactory } from '@/platform/ratelimit/limiter';
import { NotAnImage, coverThumbnails } from '@/platform/media/cover';
import { openAcceptedImage } from '@/platform/media/image-input';
import {
  CoverNotFound,
  CoverTooLarge,
  InvalidCover,
  NotAudioUpload,
  TrackNotFound,
  TrackNotRetryable,
  UploadLengthRequired,
  UploadTooLarge,
} from './tracks.errors';
import { signOriginalLink, verifyOriginalLink, type OriginalLinkKey } from './original-link';
import { commitTrackChange } from './track-changes';
import type { TrackProcessingService } from './track-processing';
import { TrackQuotas, type TrackQuotaSettings } from './track-quotas';
import { TracksRepo, type TrackRef, type TrackWithArtist, type Viewer } from './tracks.repo';
import type { Track, TrackDetail, UpdateTrack } from './tracks.schemas';
import { UploadFieldsReader, extensionOf, titleFromFilename } from './upload-fields';

export const COVER_MAX_BYTES = 10 * 1024 * 1024;
/** Blob prefix of resumable uploads: the tus file store writes there. */
export const RESUMABLE_PREFIX = 'uploads';
export const COVER_SIZES = [64, 300, 1200] as const;
export type CoverSize = (typeof COVER_SIZES)[number];

export interface ListOptions {
  cursor?: string;
  limit?: number;
}
export interface TrackPage {
  items: Track[];
  nextCursor: string | null;
}

/** One part of a multipart upload, as the route hands it over (the service never sees Fastify). */
export type UploadPart =
  { kind: 'field'; name: string; value: string } | { kind: 'file'; name: string; filename: string; stream: Readable };

export interface TracksDeps {
  db: Db;
  storage: BlobStorage;
  clock: Clock;
  media: MediaTools;
  /** Queues the processing job; the resume sweep catches a track whose job was never queued. */
  processing: Pick<TrackProcessingService, 'enqueue'>;
  events: EventPublisher;
  settings: { maxUploadBytes: number; quotas: TrackQuotaSettings };
  originalLinkKey: OriginalLinkKey;
  rateLimiters: RateLimiterFactory;
}

/** The social counters a track carries; the social module moves them with its rows. */
export type EngagementCounter = 'likes' | 'reposts' | 'comments';
const ENGAGEMENT_COLUMNS = { likes: 'like_count', reposts: 'repost_count', comments: 'comment_count' } as const;

/** Where a track's files live in blob storage; deleting the prefix removes them all. */
export const trackKeys = {
  prefix: (trackId: string) => `tracks/${trackId}/`,
  original: (trackId: string, ext: string) => `tracks/${trackId}/original.${ext}`,
  coverUpload: (trackId: string) => `tracks/${trackId}/cover-upload`,
};

export class TracksService {
  private readonly repo: TracksRepo;
  private readonly quotas: TrackQuotas;

  constructor(private readonly deps: TracksDeps) {
    this.repo = new TracksRepo(deps.db, deps.clock);
    this.quotas = new TrackQuotas(deps.rateLimiters, deps.clock, deps.settings.quotas);
  }

  /**
   * Creates a track from a multipart upload. The row exists (`processing`,
   * with its `file_path`) before the first byte is stored, so a crash
   * mid-upload leaves a row the orphan sweep can fail rather than bytes
   * nobody knows about. A refused upload (too large, bad fields, broken
   * connection) removes both row and bytes; one that is stored but is not
   * audio stays as a failed track with the reason. The day's quota is
   * checked against `declaredBytes` (the request's Content-Length) before
   * anything is stored; without it, the largest upload allowed is assumed.
   */
  async upload(
    ownerId: string,
    parts: AsyncIterable<UploadPart>,
    opts: { declaredBytes?: number } = {},
  ): Promise<TrackDetail> {
    const { maxUploadBytes } = this.deps.settings;
    const reservation = await this.quotas.reserveUpload(
      ownerId,
      Math.min(opts.declaredBytes ?? maxUploadBytes, maxUploadBytes),
    );
    const reader = new UploadFieldsReader();
    let track: TrackRow | undefined;
    let cover: Buffer | undefined;
    try {
      for await (const part of parts) {
        if (part.kind === 'field') {
          reader.add(part.name, part.value);
        } else if (part.name === 'cover' && !cover) {
          cover = await this.readCover(part.stream);
          // Refused now rather than dropped in processing; the thumbnails re-encode it there.
          await openAcceptedImage(cover).catch((err: unknown) => {
            throw err instanceof NotAnImage ? new InvalidCover() : err;
          });
        } else if (part.name === 'file' && !track) {
          track = await this.storeOriginal(ownerId, part.filename, part.stream, reader);
        } else {
          part.stream.resume();
          reader.problem(`body/${part.name}`, 'Unexpected file: send one "file" and at most one "cover"');
        }
      }
      if (!track) reader.problem('body/file', 'Attach the audio file in a field named "file"');
      if (reader.problems.length > 0 || !track) throw new Validation(reader.problems);

      const { tags, visibility, ...rest } = reader.fields;
      const id = track.id;
      track =
        (await this.commitChange((trx) =>
          this.repo.update(id, { ...rest, ...(tags ? { tags } : {}), ...(visibility ? { visibility } : {}) }, trx),
        )) ?? track;
      if (cover) await this.deps.storage.put(trackKeys.coverUpload(track.id), cover);
    } catch (err) {
      if (track) await this.discard(track.id);
      await reservation.cancel();
      throw err;
    }

    await reservation.settle(track.original_bytes ?? 0);
    await this.sniff(track);
    await this.deps.processing.enqueue(track.id);
    return this.get(track.id, { userId: ownerId, role: 'artist' });
  }

  /**
   * A resumable (tus) upload is starting: the track row exists from now on,
   * pointing at the upload's file, and stays `processing` while bytes
   * arrive (a stalled upload is left alone: its partial file is present).
   * The declared length is taken from the day's quota now, before any byte.
   */
  async startResumable(
    ownerId: string,
    uploadKey: string,
    metadata: Record<string, string | null>,
    declaredBytes: number | undefined,
  ): Promise<TrackRow> {
    const reader = new UploadFieldsReader();
    const filename = metadata.filename ?? metadata.name ?? '';
    if (!filename) reader.problem('metadata/filename', 'Name the file in the Upload-Metadata "filename" key');
    for (const [name, value] of Object.entries(metadata)) {
      if (['filename', 'name', 'filetype', 'type'].includes(name)) continue;
      reader.add(name, value ?? '');
    }
    if (reader.problems.length > 0)
      throw new Validation(reader.problems.map((p) => ({ ...p, path: p.path.replace(/^body\//, 'metadata/') })));
    // A deferred length would let the bytes arrive before the quota could weigh them.
    if (declaredBytes === undefined) throw new UploadLengthRequired();
    const reservation = await this.quotas.reserveUpload(ownerId, declaredBytes);
    const { tags, visibility, ...rest } = reader.fields;
    return this.commitChange((trx) =>
      this.repo.insert(
        {
          owner_id: ownerId,
          title: reader.fields.title ?? titleFromFilename(filename),
          ...rest,
          ...(tags ? { tags } : {}),
          ...(visibility ? { visibility } : {}),
          file_path: uploadKey,
          original_filename: filename.slice(0, 255),
          created_at: this.deps.clock.now(),
        },
        trx,
      ),
    )
      .then((row) => row ?? Promise.reject(new Error('track insert returned no row')))
      .catch(async (err: unknown) => {
        await reservation.cancel();
        throw err;
      });
  }

  /** The last byte of a resumable upload arrived: sniff it and queue processing, as for a direct upload. */
  async finishResumable(trackId: string, bytes: number): Promise<TrackDetail> {
    const track = await this.repo.update(trackId, { original_bytes: bytes });
    if (!track) throw new TrackNotFound();
    await this.sniff(track);
    await this.deps.processing.enqueue(trackId);
    return this.get(trackId, { userId: track.owner_id, role: 'artist' });
  }

  /** A resumable upload was abandoned by its client (tus termination) before it finished: its bytes go back. */
  async abandonResumable(trackId: string, declaredBytes: number): Promise<void> {
    const row = await this.repo.byId(trackId);
    if (row?.status !== 'processing' || row.original_bytes !== null) return;
    // tus deletes the upload's own files next; removing them here made its termination answer 404.
    await this.discard(trackId, { keepResumableFiles: true });
    await this.quotas.releaseUploadBytes(row.owner_id, declaredBytes, row.created_at);
  }

  async get(id: string, viewer: Pick<Principal, 'userId' | 'role'> | undefined): Promise<TrackDetail> {
    const row = await this.visibleTrack(id, viewer);
    return { ...toTrack(row), waveform: row.waveform };
  }

  /** A track the viewer may see (`visibleTo`); any other does not exist for them. */
  async visibleTrack(id: string, viewer: Pick<Principal, 'userId' | 'role'> | undefined): Promise<TrackWithArtist> {
    const row = await this.repo.visibleWithArtist(id, viewer);
    if (!row) throw new TrackNotFound();
    return row;
  }

  /**
   * `visibleTrack` for callers that only act on the track (a like, a repost): the same rule, one
   * narrow row instead of the whole track with its artist, on paths hit many times a second.
   */
  async visibleRef(id: string, viewer: Pick<Principal, 'userId' | 'role'> | undefined): Promise<TrackRef> {
    const row = await this.repo.visibleRef(id, viewer);
    if (!row) throw new TrackNotFound();
    return row;
  }

  /** Tracks as stored, whatever their state, with their artist: for indexing elsewhere (search). */
  forIndexing(ids: readonly string[]): Promise<TrackWithArtist[]> {
    return this.repo.withArtistByIds(ids);
  }

  /** Every track in batches (id order), or one owner's: for rebuilding an index. */
  forIndexingAfter(opts: { afterId?: string; ownerId?: string; limit: number }): Promise<TrackWithArtist[]> {
    return this.repo.withArtistAfter(opts);
  }

  /**
   * The tracks among `ids` the viewer may find by searching or browsing
   * (ready, and public or their own: unlike `visibleSummaries`, no unlisted
   * track of someone else's), in the order given: search ranks, this module
   * decides what is shown.
   */
  async findableSummaries(
    viewer: Pick<Principal, 'userId' | 'role'> | undefined,
    ids: readonly string[],
  ): Promise<Track[]> {
    const rows = await this.repo.findableWithArtist(ids, viewer);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toTrack(row)] : [];
    });
  }

  /** One more counted play, in the caller's transaction (the plays module decides what counts). */
  async countPlay(trackId: string, trx: DbOrTx): Promise<void> {
    await new TracksRepo(trx, this.deps.clock).incrementPlayCount(trackId);
  }

  /**
   * Moves a like, repost or comment counter by `delta` in the caller's transaction
   * (the social module changes it with its rows, by the rows it changed) and
   * returns its value; a zero delta only reads it, taking no row lock.
   * Undefined when the track is gone.
   */
  adjustEngagement(
    trackId: string,
    counter: EngagementCounter,
    delta: number,
    trx: DbOrTx,
  ): Promise<number | undefined> {
    return new TracksRepo(trx, this.deps.clock).adjustEngagement(trackId, ENGAGEMENT_COLUMNS[counter], delta);
  }

  /** The tracks among `ids` the viewer may see, as summaries, by id (for lists other modules keep). */
  async visibleSummaries(ids: readonly string[], viewer: Viewer): Promise<Map<string, Track>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repo.visibleWithArtistByIds(ids, viewer);
    return new Map(rows.map((row) => [row.id, toTrack(row)]));
  }

  /**
   * The cover thumbnails (storage keys by size) of the tracks among `ids`
   * that anyone may see: what a playlist's mosaic, shown to all its
   * viewers, may be made of. Tracks without a cover are left out.
   */
  async publicCoverFiles(ids: readonly string[]): Promise<Map<string, Record<CoverSize, string>>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repo.visibleWithArtistByIds(ids, undefined);
    return new Map(
      rows.flatMap((row) => {
        const key = row.cover_key;
        if (!key) return [];
        const files = Object.fromEntries(COVER_SIZES.map((size) => [size, `${key}/${size}.jpg`]));
        return [[row.id, files as Record<CoverSize, string>]];
      }),
    );
  }

  listMine(principal: Principal, opts: ListOptions): Promise<TrackPage> {
    return this.page(opts, (page) => this.repo.listByOwner(principal.userId, principal, page));
  }

  listPublic(opts: ListOptions): Promise<TrackPage> {
    return this.page(opts, (page) => this.repo.listPublic(page));
  }

  /** Listed tracks, newest first, of a genre or all, without some owners' (discover). */
  browsePublic(
    opts: ListOptions & { genre?: string | undefined; excludeOwnerIds: readonly string[] },
  ): Promise<TrackPage> {
    return this.page(opts, (page) =>
      this.repo.browsePublic({ ...page, genre: opts.genre, excludeOwnerIds: opts.excludeOwnerIds }),
    );
  }

  /** Genres of listed tracks with their counts, most first (discover). */
  async publicGenres(opts: {
    excludeOwnerIds: readonly string[];
    limit: number;
  }): Promise<{ genre: string; trackCount: number }[]> {
    const rows = await this.repo.publicGenres(opts);
    return rows.map((r) => ({ genre: r.genre, trackCount: r.count }));
  }

  /** A user's ready tracks on their profile: public ones to others, all to themselves. */
  listForProfile(ownerId: string, viewer: Viewer, opts: ListOptions): Promise<TrackPage> {
    return this.page(opts, (page) => this.repo.listForProfile(ownerId, viewer, page));
  }

  private async page(opts: ListOptions, fetch: (page: PageRequest) => Promise<TrackWithArtist[]>): Promise<TrackPage> {
    const request = pageRequest(opts);
    const { rows, nextCursor } = pageOf(await fetch(request), request.limit, (r) => ({ at: r.created_at, id: r.id }));
    return { items: rows.map(toTrack), nextCursor };
  }

  async update(id: string, principal: Principal, changes: UpdateTrack): Promise<TrackDetail> {
    await this.ownTrack(id, principal);
    await this.commitChange((trx) => this.repo.update(id, changes, trx));
    return this.get(id, principal);
  }

  /**
   * The row goes with its event in one transaction; the files follow at
   * once, and again from the event if that fails (removeFiles is idempotent).
   */
  async delete(id: string, principal: Principal): Promise<void> {
    await this.ownTrack(id, principal);
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const deleted = await this.repo.delete(id, trx);
      if (!deleted) throw new TrackNotFound();
      await this.deps.events.publish(trx, 'track.deleted', {
        trackId: id,
        ownerId: deleted.owner_id,
        filePath: deleted.file_path,
      });
      return deleted;
    });
    await this.removeFiles(row).catch(() => undefined);
  }

  /** Every file of a track: its prefix, and a resumable upload's original beside its info file. */
  async removeFiles(track: Pick<TrackRow, 'id' | 'file_path'>): Promise<void> {
    await this.deps.storage.deletePrefix(trackKeys.prefix(track.id));
    if (track.file_path.startsWith(`${RESUMABLE_PREFIX}/`)) {
      await this.deps.storage.delete(track.file_path);
      await this.deps.storage.delete(`${track.file_path}.json`);
    }
  }

  /** A failed track goes back to processing with a fresh attempt. */
  async retry(id: string, principal: Principal): Promise<TrackDetail> {
    const row = await this.ownTrack(id, principal);
    if (row.status !== 'failed') throw new TrackNotRetryable(row.status);
    await this.quotas.takeRetry(principal.userId);
    const retried = await this.commitChange((trx) =>
      this.repo.transition(
        id,
        'failed',
        'processing',
        { status_message: null, progress: 0, processing_version: null, heartbeat_at: null },
        { trx },
      ),
    ).catch(() => null);
    if (!retried) throw new TrackNotRetryable(row.status);
    await this.deps.processing.enqueue(id);
    return this.get(id, principal);
  }

  /** A cover thumbnail (64, 300 or 1200 px square JPEG) of a track the viewer may see. */
  async cover(
    id: string,
    size: CoverSize,
    viewer: Pick<Principal, 'userId' | 'role'> | undefined,
  ): Promise<{ body: Readable; etag: string }> {
    const row = await this.visibleTrack(id, viewer);
    if (!row.cover_key) throw new CoverNotFound();
    return {
      body: await this.deps.storage.get(`${row.cover_key}/${size}.jpg`),
      etag: `"${row.cover_key.split('/').pop() ?? ''}-${size}"`,
    };
  }

  /** New thumbnails under a new prefix, then the row points at them, then the old ones go. */
  async replaceCover(id: string, principal: Principal, image: Readable): Promise<TrackDetail> {
    const row = await this.ownTrack(id, principal);
    const bytes = await this.readCover(image);
    const prefix = `tracks/${id}/cover/${this.deps.clock.now().getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
    let thumbnails;
    try {
      thumbnails = await coverThumbnails(bytes, COVER_SIZES);
    } catch (err) {
      if (err instanceof NotAnImage) throw new InvalidCover();
      throw err;
    }
    for (const thumb of thumbnails) await this.deps.storage.put(`${prefix}/${thumb.size}.jpg`, thumb.buffer);
    // track.changed: what others show of the track (its cover URL, playlist mosaics) follows.
    await this.commitChange((trx) => this.repo.update(id, { cover_key: prefix }, trx));
    if (row.cover_key) await this.deps.storage.deletePrefix(`${row.cover_key}/`);
    return this.get(id, principal);
  }

  /** A link that downloads the original for a few minutes without the bearer token (see original-link.ts). */
  async originalLink(id: string, principal: Principal): Promise<{ url: string; expiresAt: string }> {
    const row = await this.ownTrack(id, principal);
    if (!(await this.deps.storage.stat(row.file_path))) throw new TrackNotFound();
    return signOriginalLink(this.deps.originalLinkKey, row.id, principal.userId, this.deps.clock.now());
  }

  /**
   * The original upload, as stored: for its owner (or an admin) signed in,
   * or for whoever holds a download link from originalLink, checked first.
   */
  async original(
    id: string,
    who: { principal: Principal | undefined; token: string | undefined },
  ): Promise<{ body: Readable; filename: string; size: number }> {
    let row: TrackRow | undefined;
    if (who.token !== undefined) {
      verifyOriginalLink(this.deps.originalLinkKey, who.token, id, this.deps.clock.now());
      row = await this.repo.byId(id);
      if (!row) throw new TrackNotFound();
    } else {
      if (!who.principal) throw new Unauthorized();
      row = await this.ownTrack(id, who.principal);
    }
    const stat = await this.deps.storage.stat(row.file_path);
    if (!stat) throw new TrackNotFound();
    const ext = extensionOf(row.file_path);
    return {
      body: await this.deps.storage.get(row.file_path),
      filename: row.original_filename ?? `${row.title}.${ext}`,
      size: stat.size,
    };
  }

  private commitChange<T extends { id: string }>(change: (trx: Tx) => Promise<T | null | undefined>) {
    return commitTrackChange(this.deps.db, this.deps.events, change);
  }

  /** Tracks its owner (or an admin) may change; a track they may not even see does not exist for them. */
  private async ownTrack(id: string, principal: Principal): Promise<TrackRow> {
    const row = await this.repo.visibleById(id, principal);
    if (!row) throw new TrackNotFound();
    if (row.owner_id !== principal.userId && principal.role !== 'admin') {
      throw new Forbidden('NOT_YOUR_TRACK', 'Not your track', 'Only the artist who uploaded a track can change it.');
    }
    return row;
  }

  private async storeOriginal(
    ownerId: string,
    filename: string,
    stream: Readable,
    reader: UploadFieldsReader,
  ): Promise<TrackRow> {
    const id = randomUUID();
    const key = trackKeys.original(id, extensionOf(filename));
    const track = await this.repo.insert({
      id,
      owner_id: ownerId,
      title: reader.fields.title ?? titleFromFilename(filename),
      file_path: key,
      original_filename: filename.slice(0, 255) || null,
      created_at: this.deps.clock.now(),
    });
    try {
      const stored = await this.deps.storage.put(key, stream, { maxBytes: this.deps.settings.maxUploadBytes });
      return (await this.repo.update(id, { original_bytes: stored.size })) ?? track;
    } catch (err) {
      await this.discard(id);
      if (err instanceof BlobTooLarge || isMultipartTooLarge(err))
        throw new UploadTooLarge(this.deps.settings.maxUploadBytes);
      throw err;
    }
  }

  /** ffprobe before answering, so an upload that is not audio is refused at once instead of failing later. */
  private async sniff(track: TrackRow): Promise<void> {
    try {
      await this.deps.storage.withLocalFile(track.file_path, (file) => probeAudio(this.deps.media, file));
    } catch (err) {
      if (!(err instanceof NotAudio)) throw err;
      await this.commitChange((trx) =>
        this.repo.transition(track.id, 'processing', 'failed', { status_message: err.message }, { trx }),
      );
      throw new NotAudioUpload(err.message, track.id);
    }
  }

  private async readCover(stream: Readable): Promise<Buffer> {
    let seen = 0;
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > COVER_MAX_BYTES) stream.destroy(new CoverTooLarge(COVER_MAX_BYTES));
    });
    try {
      return await buffer(stream);
    } catch (err) {
      if (isMultipartTooLarge(err)) throw new CoverTooLarge(COVER_MAX_BYTES);
      throw err;
    }
  }

  /**
   * A refused upload: nobody ever saw it, so it goes without an event. A
   * cancelled tus upload keeps its files for tus, which deletes them itself.
   */
  private async discard(id: string, opts: { keepResumableFiles?: boolean } = {}): Promise<void> {
    const row = await this.repo.delete(id);
    if (!row) return;
    if (opts.keepResumableFiles) await this.deps.storage.deletePrefix(trackKeys.prefix(id));
    else await this.removeFiles(row);
  }
}

export function toTrack(row: TrackWithArtist): Track {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    genre: row.genre,
    tags: row.tags,
    visibility: row.visibility,
    status: row.status,
    statusMessage: row.status_message,
    progress: row.status === 'ready' ? 100 : row.progress,
    durationMs: row.duration_ms,
    loudnessLufs: row.loudness_lufs,
    coverUrl: row.cover_key ? `/api/v1/tracks/${row.id}/cover/300?v=${row.cover_key.split('/').pop() ?? ''}` : null,
    playCount: row.play_count,
    likeCount: row.like_count,
    repostCount: row.repost_count,
    commentCount: row.comment_count,
    artist: { id: row.owner_id, username: row.artist_username, displayName: row.artist_display_name },
    createdAt: row.created_at.toISOString(),
    readyAt: row.ready_at?.toISOString() ?? null,
  };
}

function isMultipartTooLarge(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';
}
