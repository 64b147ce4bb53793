import type { Readable } from 'node:stream';

/**
 * Blob storage port. Keys are relative slash-separated paths
 * (`avatars/<userId>/<id>.png`); adapters reject keys that could escape
 * their root. Writes are atomic: a reader never sees half a blob.
 */
export interface BlobInfo {
  size: number;
  modifiedAt: Date;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in HTTP Range. */
  end: number;
}

export interface BlobStorage {
  put(key: string, body: Readable | Buffer, opts?: { maxBytes?: number }): Promise<BlobInfo>;
  /**
   * Takes over a local file its caller is done with (a job's output) as the
   * blob `key`. The local adapter moves it into place, a rename when both
   * sit on one file system; a remote one would upload it. The file is gone
   * from `filePath` once this resolves.
   */
  adopt(key: string, filePath: string): Promise<BlobInfo>;
  get(key: string, range?: ByteRange): Promise<Readable>;
  stat(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<void>;
  /** Deletes every key under a prefix (a track's renditions, a user's files). */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * Runs `fn` with a path on local disk holding the blob, for tools that
   * need a seekable file (ffmpeg, ffprobe). The local adapter hands over
   * its own file; a remote one would download to a temp file first. The
   * path is valid only until `fn` settles.
   */
  withLocalFile<T>(key: string, fn: (filePath: string) => Promise<T>): Promise<T>;
}

export class BlobNotFound extends Error {
  constructor(readonly key: string) {
    super(`blob not found: ${key}`);
  }
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
  }
}

export class InvalidBlobKey extends Error {
  constructor(readonly key: string) {
    super(`invalid blob key: ${key}`);
  }
}
