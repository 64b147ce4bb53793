import type { Readable } from 'node:stream';
import { TrackNotFound, TrackNotReady } from '@/modules/tracks/tracks.errors';
import type { TrackWithArtist } from '@/modules/tracks/tracks.repo';
import type { TracksService } from '@/modules/tracks/tracks.service';
import type { Clock } from '@/platform/clock/clock';
import type { Principal } from '@/platform/http/access';
import { BlobNotFound, InvalidBlobKey, type BlobStorage, type ByteRange } from '@/platform/storage/storage';
import { rewritePlaylist } from './playlist-rewrite';
import { HLS_VERSION_PATTERN, signStreamToken, type StreamClaims, type StreamTokenKey } from './stream-token';
import type { SegmentCache } from './segment-cache';
import { VerifiedTokens } from './verified-tokens';
import { StreamFileNotFound } from './streaming.errors';
import type { StreamLink } from './streaming.schemas';

export interface StreamingDeps {
  /** Who may see which track is the tracks module's rule, not ours. */
  tracks: Pick<TracksService, 'visibleTrack'>;
  storage: BlobStorage;
  clock: Clock;
  tokenKey: StreamTokenKey;
  tokenTtlMs: number;
  cache: SegmentCache;
}

/** A segment, looked up but not read: the caller decides on 304, 206 or 200 first. */
export interface SegmentFile {
  size: number;
  /** Strong: a version's segments never change once published. */
  etag: string;
  /** A public track's: shared caches may keep it. */
  shared: boolean;
  open(range?: ByteRange): Promise<Readable | Buffer>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Our packager writes a few hundred bytes per minute of audio; this is hours of it. */
const MAX_PLAYLIST_BYTES = 1024 * 1024;

/**
 * Who may play what, and the HLS files behind it. `link` is the only call
 * that reads the database; playlists and segments trust the token alone,
 * so the stream role needs nothing but the blob storage and the key.
 */
export class StreamingService {
  private readonly tokens: VerifiedTokens;

  constructor(private readonly deps: StreamingDeps) {
    this.tokens = new VerifiedTokens(deps.tokenKey);
  }

  /**
   * A signed link to the master playlist, for anyone who may see the track:
   * public and unlisted ready tracks for everyone; private ones, and ones not
   * ready yet, only for their owner and admins (404 for anyone else, so
   * nothing reveals they exist). The owner of a track still processing or
   * failed gets 409.
   */
  async link(viewer: Principal | undefined, trackId: string): Promise<StreamLink> {
    // A malformed id cannot name a track; asking Postgres would only fail on the uuid cast.
    if (!UUID.test(trackId)) throw new TrackNotFound();
    const track = await this.deps.tracks.visibleTrack(trackId, viewer);
    if (track.status !== 'ready' || !track.hls_prefix) throw new TrackNotReady(track.status);

    const exp = Math.floor((this.deps.clock.now().getTime() + this.deps.tokenTtlMs) / 1000);
    const token = signStreamToken(this.deps.tokenKey, {
      trackId: track.id,
      viewer: viewer?.userId ?? null,
      version: versionOf(track),
      exp,
      publicTrack: track.visibility === 'public',
    });
    return {
      url: `/stream/${track.id}/master.m3u8?token=${encodeURIComponent(token)}`,
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  }

  /**
   * The master playlist (no rendition) or a rendition's playlist, with the
   * token written into every child URI. Path parts must already match the
   * delivery patterns; the token picks the version.
   */
  async playlist(trackId: string, rendition: string | undefined, token: string | undefined): Promise<string> {
    const claims = this.verify(token, trackId);
    const key = `${prefixOf(claims)}/${rendition === undefined ? 'master.m3u8' : `${rendition}/index.m3u8`}`;
    const text = await readText(await this.open(key), MAX_PLAYLIST_BYTES);
    return rewritePlaylist(text, token!);
  }

  async segment(trackId: string, rendition: string, segment: string, token: string | undefined): Promise<SegmentFile> {
    const claims = this.verify(token, trackId);
    const key = segmentKey(claims, rendition, segment);
    const cached = this.fromCache(claims, key);
    if (cached) return cached;

    const info = await this.deps.storage.stat(key).catch((err: unknown) => {
      throw err instanceof InvalidBlobKey ? new StreamFileNotFound() : err;
    });
    if (!info) throw new StreamFileNotFound();
    if (info.size <= this.deps.cache.maxItemBytes) {
      const body = await readAll(await this.open(key), info.size);
      this.deps.cache.set(key, body);
      return new InMemorySegment(body, etagOf(claims, body.length), claims.publicTrack);
    }
    return {
      size: info.size,
      etag: etagOf(claims, info.size),
      shared: claims.publicTrack,
      open: (range) => this.open(key, range),
    };
  }

  /**
   * The segment if it is already in memory, without a promise: what the
   * delivery fast path serves. Same token check as `segment`, which still
   * answers everything this does not (and fills the cache).
   */
  cachedSegment(trackId: string, rendition: string, segment: string, token: string): InMemorySegment | undefined {
    const claims = this.verify(token, trackId);
    return this.fromCache(claims, segmentKey(claims, rendition, segment));
  }

  private fromCache(claims: StreamClaims, key: string): InMemorySegment | undefined {
    const body = this.deps.cache.get(key);
    return body && new InMemorySegment(body, etagOf(claims, body.length), claims.publicTrack);
  }

  /** A deleted track: its cached segments go, so its old links stop playing. */
  forget(trackId: string): void {
    this.deps.cache.evictPrefix(`tracks/${trackId}/`);
  }

  private verify(token: string | undefined, trackId: string): StreamClaims {
    return this.tokens.verify(token, trackId, this.deps.clock.now());
  }

  private async open(key: string, range?: ByteRange): Promise<Readable> {
    try {
      return await this.deps.storage.get(key, range);
    } catch (err) {
      if (err instanceof BlobNotFound || err instanceof InvalidBlobKey) throw new StreamFileNotFound();
      throw err;
    }
  }
}

/**
 * The version part of `tracks/<id>/hls/<version>`. The delivery routes
 * rebuild the prefix from the track id and this version, so a prefix of any
 * other shape could not be served: that is a bug upstream, not a 4xx.
 */
function versionOf(track: TrackWithArtist): string {
  const base = `tracks/${track.id}/hls/`;
  const version = track.hls_prefix?.startsWith(base) ? track.hls_prefix.slice(base.length) : '';
  if (!HLS_VERSION_PATTERN.test(version)) {
    throw new Error(`track ${track.id} has hls_prefix ${String(track.hls_prefix)}, not ${base}<version>`);
  }
  return version;
}

function prefixOf(claims: StreamClaims): string {
  return `tracks/${claims.trackId}/hls/${claims.version}`;
}

function segmentKey(claims: StreamClaims, rendition: string, segment: string): string {
  return `${prefixOf(claims)}/${rendition}/${segment}`;
}

async function readText(stream: Readable, maxBytes: number): Promise<string> {
  return (await readAll(stream, maxBytes)).toString('utf8');
}

/** A whole (small) blob; more than `maxBytes` means it is not what we think it is. */
async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > maxBytes) throw new Error(`blob larger than ${maxBytes} bytes`);
      chunks.push(buf);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

/**
 * A class, not an object of closures: the hot path allocates no functions
 * (tsx's keepNames wraps each one, which showed up in benchmark H).
 */
export class InMemorySegment implements SegmentFile {
  readonly size: number;

  constructor(
    readonly body: Buffer,
    readonly etag: string,
    readonly shared: boolean,
  ) {
    this.size = body.length;
  }

  open(range?: ByteRange): Promise<Buffer> {
    return Promise.resolve(range ? this.body.subarray(range.start, range.end + 1) : this.body);
  }
}

/** Strong and stable: a version's segments never change once published. */
function etagOf(claims: StreamClaims, size: number): string {
  return `"${claims.version}-${size.toString(16)}"`;
}
