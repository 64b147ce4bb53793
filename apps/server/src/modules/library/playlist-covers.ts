import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Logger } from 'pino';
import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import { coverThumbnails, NotAnImage } from '@/platform/media/cover';
import type { MediaTools } from '@/platform/media/ffmpeg-binaries';
import { coverMosaic } from '@/platform/media/mosaic';
import type { BlobStorage } from '@/platform/storage/storage';
import { CoverTooLarge, InvalidCover } from '@/modules/tracks/tracks.errors';
import { COVER_MAX_BYTES, COVER_SIZES, type CoverSize, type TracksService } from '@/modules/tracks/tracks.service';
import { LibraryRepo } from './library.repo';

export interface PlaylistCoverDeps {
  db: Db;
  storage: BlobStorage;
  media: MediaTools;
  clock: Clock;
  tracks: Pick<TracksService, 'publicCoverFiles'>;
}

/** How many covers a mosaic shows. */
const MOSAIC_TILES = 4;

/**
 * The pictures of playlists: the owner's own cover, made into the same
 * square JPEG thumbnails as a track's, and the 2×2 mosaic of the first
 * covers of its tracks, made by a job. Both live under a storage prefix
 * whose last segment is their version, so their URLs can be cached forever.
 */
export class PlaylistCovers {
  private readonly repo: LibraryRepo;

  constructor(private readonly deps: PlaylistCoverDeps) {
    this.repo = new LibraryRepo(deps.db);
  }

  /** Checks and stores an uploaded image as thumbnails under a new prefix; the caller points the row at it. */
  async storeCustom(playlistId: string, image: Readable): Promise<string> {
    const bytes = await readLimited(image, COVER_MAX_BYTES);
    let thumbnails;
    try {
      thumbnails = await coverThumbnails(bytes, COVER_SIZES);
    } catch (err) {
      if (err instanceof NotAnImage) throw new InvalidCover();
      throw err;
    }
    const prefix = `playlists/${playlistId}/cover/${this.deps.clock.now().getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
    for (const thumb of thumbnails) await this.deps.storage.put(`${prefix}/${thumb.size}.jpg`, thumb.buffer);
    return prefix;
  }

  read(prefix: string, size: CoverSize): Promise<Readable> {
    return this.deps.storage.get(`${prefix}/${size}.jpg`);
  }

  async discard(prefix: string | null): Promise<void> {
    if (prefix) await this.deps.storage.deletePrefix(`${prefix}/`);
  }

  /**
   * Makes the mosaic the playlist's items now call for, if it is not the one
   * it has: idempotent, and cheap when nothing it shows changed (a rename,
   * a reorder past the fourth cover). The first four distinct tracks that
   * anyone may see and that have a cover, in playlist order.
   */
  async renderMosaic(playlistId: string, log: Logger): Promise<'unchanged' | 'rendered' | 'cleared' | 'superseded'> {
    const row = await this.repo.byId(playlistId);
    if (!row) return 'unchanged';
    const trackIds = [...new Set((await this.repo.items(playlistId)).map((item) => item.track_id))];
    const files = await this.deps.tracks.publicCoverFiles(trackIds);
    const chosen = trackIds.flatMap((id) => files.get(id) ?? []).slice(0, MOSAIC_TILES);
    const version = createHash('sha256')
      .update(JSON.stringify(chosen.map((f) => f[1200])))
      .digest('hex')
      .slice(0, 16);
    const key = chosen.length > 0 ? `playlists/${playlistId}/mosaic/mosaic-${version}` : null;
    if (key === row.mosaic_key) return 'unchanged';

    if (key) {
      for (const size of COVER_SIZES) {
        const jpeg = await withLocalFiles(
          this.deps.storage,
          chosen.map((f) => f[size]),
          (paths) => coverMosaic(this.deps.media, paths, size),
        );
        await this.deps.storage.put(`${key}/${size}.jpg`, jpeg);
      }
    }
    if (await this.repo.swapMosaic(playlistId, row.mosaic_key, key)) {
      await this.discard(row.mosaic_key);
      log.info({ action: 'library.playlist-cover', playlistId, mosaic: key, covers: chosen.length }, 'mosaic updated');
      return key ? 'rendered' : 'cleared';
    }
    // Another render won meanwhile; ours goes unless it made the very same picture.
    const now = await this.repo.byId(playlistId);
    if (key && now?.mosaic_key !== key) await this.discard(key);
    return 'superseded';
  }

  /** The playlists showing a track, to re-render when it changes (bounded: a hugely listed track waits for edits). */
  playlistsWithTrack(trackId: string): Promise<string[]> {
    return this.repo.playlistIdsWithTrack(trackId, 500);
  }
}

async function withLocalFiles<T>(
  storage: BlobStorage,
  keys: readonly string[],
  fn: (paths: string[]) => Promise<T>,
  paths: string[] = [],
): Promise<T> {
  const [first, ...rest] = keys;
  if (first === undefined) return fn(paths);
  return storage.withLocalFile(first, (path) => withLocalFiles(storage, rest, fn, [...paths, path]));
}

async function readLimited(stream: Readable, maxBytes: number): Promise<Buffer> {
  let seen = 0;
  stream.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) stream.destroy(new CoverTooLarge(maxBytes));
  });
  try {
    return await buffer(stream);
  } catch (err) {
    if ((err as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE') throw new CoverTooLarge(maxBytes);
    throw err;
  }
}
