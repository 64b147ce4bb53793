import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, promises as fs, type Stats, type WriteStream } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFound, BlobTooLarge, InvalidBlobKey, type BlobInfo, type BlobStorage, type ByteRange } from './storage';

/**
 * Blobs as files under one root directory, the default for a single machine.
 * Writes go to a temp file beside the target and are renamed into place, so
 * a reader sees the old blob or the new one, never half of one. Bodies are
 * streamed, never held in memory: uploads and renditions can be large.
 */
export function createLocalStorage(rootDir: string): BlobStorage {
  return new LocalStorage(path.resolve(rootDir));
}

const TEMP_PREFIX = '.tmp-';

class LocalStorage implements BlobStorage {
  constructor(private readonly root: string) {}

  async put(key: string, body: Readable | Buffer, opts: { maxBytes?: number } = {}): Promise<BlobInfo> {
    const target = this.pathOf(key);
    const maxBytes = opts.maxBytes ?? Infinity;
    if (Buffer.isBuffer(body) && body.length > maxBytes) throw new BlobTooLarge(maxBytes);
    // An upload can fail while we create folders, before pipeline() listens: that must not
    // become an uncaught error. pipeline() still sees the stream's stored error and rejects.
    if (!Buffer.isBuffer(body)) body.on('error', ignore);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(
      path.dirname(target),
      `${TEMP_PREFIX}${randomBytes(8).toString('hex')}-${path.basename(target)}`,
    );
    let file: WriteStream | undefined;
    try {
      if (Buffer.isBuffer(body)) {
        await fs.writeFile(temp, body, { flag: 'wx' });
      } else {
        file = createWriteStream(temp, { flags: 'wx' });
        await pipeline(body, byteLimit(maxBytes), file);
      }
      await fs.rename(temp, target);
    } catch (err) {
      // A source failing early can reject before the temp file is even opened; removing it
      // before the destroyed stream has closed would let the open create it afterwards.
      if (file && !file.closed) await once(file, 'close').catch(ignore);
      await fs.rm(temp, { force: true });
      throw err;
    }
    return info(await fs.stat(target));
  }

  async adopt(key: string, filePath: string): Promise<BlobInfo> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      // Atomic like put(): the blob appears whole or not at all.
      await fs.rename(filePath, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Another file system (a scratch dir elsewhere): copy through a temp file, then let go of the source.
      const stored = await this.put(key, createReadStream(filePath));
      await fs.rm(filePath, { force: true });
      return stored;
    }
    return info(await fs.stat(target));
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    if (range) assertRange(range);
    const file = this.pathOf(key);
    // Opening first turns a missing blob into BlobNotFound now, instead of an error event mid-response.
    const handle = await fs.open(file, 'r').catch((err: unknown) => {
      throw isMissing(err) ? new BlobNotFound(key) : err;
    });
    try {
      if (!(await handle.stat()).isFile()) throw new BlobNotFound(key);
    } catch (err) {
      await handle.close();
      throw err;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<BlobInfo | null> {
    try {
      const stats = await fs.stat(this.pathOf(key));
      return stats.isFile() ? info(stats) : null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await fs.unlink(this.pathOf(key));
    } catch (err) {
      // Deleting twice is not an error: cleanup jobs replay.
      if (!isMissing(err)) throw err;
    }
  }

  /**
   * Same meaning as an S3 prefix: `tracks/ab` also removes `tracks/abc/…`.
   * Callers wanting one folder end the prefix with a slash.
   */
  async deletePrefix(prefix: string): Promise<void> {
    const isFolder = prefix.endsWith('/');
    const target = this.pathOf(isFolder ? prefix.slice(0, -1) : prefix);
    if (isFolder) {
      await fs.rm(target, { recursive: true, force: true });
      return;
    }
    const dir = path.dirname(target);
    const namePrefix = path.basename(target);
    const entries = await fs.readdir(dir).catch((err: unknown) => {
      if (isMissing(err)) return [];
      throw err;
    });
    await Promise.all(
      entries
        .filter((name) => name.startsWith(namePrefix))
        .map((name) => fs.rm(path.join(dir, name), { recursive: true, force: true })),
    );
  }

  async withLocalFile<T>(key: string, fn: (filePath: string) => Promise<T>): Promise<T> {
    const file = this.pathOf(key);
    if (!(await this.stat(key))) throw new BlobNotFound(key);
    return fn(file);
  }

  private pathOf(key: string): string {
    const segments = parseKey(key);
    const resolved = path.join(this.root, ...segments);
    // Belt and braces: parseKey already forbids every way out of the root.
    if (!resolved.startsWith(this.root + path.sep)) throw new InvalidBlobKey(key);
    return resolved;
  }
}

function parseKey(key: string): string[] {
  if (typeof key !== 'string' || key === '' || key.startsWith('/') || key.includes('\\') || key.includes('\0')) {
    throw new InvalidBlobKey(key);
  }
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || segment.startsWith(TEMP_PREFIX)) {
      throw new InvalidBlobKey(key);
    }
  }
  return segments;
}

function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new BlobTooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
}

function assertRange({ start, end }: ByteRange): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`invalid byte range ${start}-${end}`);
  }
}

function info(stats: Stats): BlobInfo {
  return { size: stats.size, modifiedAt: stats.mtime };
}

function ignore(): void {}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
