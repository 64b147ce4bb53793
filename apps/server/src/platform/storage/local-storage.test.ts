import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage';
import { BlobNotFound, BlobTooLarge, InvalidBlobKey, type BlobStorage } from './storage';

let parent: string;
let root: string;
let storage: BlobStorage;

beforeEach(async () => {
  parent = await fs.mkdtemp(path.join(os.tmpdir(), 'veza-storage-'));
  root = path.join(parent, 'blobs');
  storage = createLocalStorage(root);
});

afterEach(async () => {
  await fs.rm(parent, { recursive: true, force: true });
});

/** A stream produced lazily, chunk by chunk, as an upload would arrive. */
function chunks(count: number, size: number, fill = 'a'): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) yield Buffer.alloc(size, fill);
    })(),
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('local storage', () => {
  it('stores a buffer and a stream and reads them back', async () => {
    const info = await storage.put('avatars/u1/a.png', Buffer.from('png bytes'));
    expect(info.size).toBe(9);
    expect(info.modifiedAt).toBeInstanceOf(Date);
    expect(await text(await storage.get('avatars/u1/a.png'))).toBe('png bytes');

    const streamed = await storage.put('tracks/t1/original', chunks(64, 64 * 1024));
    expect(streamed.size).toBe(64 * 64 * 1024);
    expect((await storage.stat('tracks/t1/original'))?.size).toBe(64 * 64 * 1024);
    expect(await filesUnder(root)).toEqual(['avatars/u1/a.png', 'tracks/t1/original']);
  });

  it('adopts a local file by moving it into place, replacing an older blob whole', async () => {
    const scratch = path.join(parent, 'scratch');
    await fs.mkdir(scratch);
    await storage.put('tracks/t1/hls/v1/128k/seg_00000.ts', Buffer.from('old'));
    await fs.writeFile(path.join(scratch, 'seg.ts'), 'segment bytes');
    const info = await storage.adopt('tracks/t1/hls/v1/128k/seg_00000.ts', path.join(scratch, 'seg.ts'));
    expect(info.size).toBe(13);
    expect(await text(await storage.get('tracks/t1/hls/v1/128k/seg_00000.ts'))).toBe('segment bytes');
    expect(await filesUnder(scratch)).toEqual([]);
    await fs.writeFile(path.join(scratch, 'x'), 'x');
    await expect(storage.adopt('../escape', path.join(scratch, 'x'))).rejects.toBeInstanceOf(InvalidBlobKey);
    await expect(storage.adopt('k', path.join(scratch, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await filesUnder(scratch)).toEqual(['x']);
  });

  // /dev/shm is a tmpfs on Linux: another file system than the temp dir, so rename() says EXDEV.
  it.skipIf(!existsSync('/dev/shm'))('adopts a file from another file system by copying it', async () => {
    const elsewhere = await fs.mkdtemp('/dev/shm/veza-adopt-');
    try {
      await fs.writeFile(path.join(elsewhere, 'seg.ts'), 'from tmpfs');
      await storage.adopt('tracks/t2/seg.ts', path.join(elsewhere, 'seg.ts'));
      expect(await text(await storage.get('tracks/t2/seg.ts'))).toBe('from tmpfs');
      expect(await fs.readdir(elsewhere)).toEqual([]);
      expect(await filesUnder(root)).toEqual(['tracks/t2/seg.ts']); // no temp file left behind
    } finally {
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('serves inclusive byte ranges', async () => {
    await storage.put('k', Buffer.from('0123456789'));
    expect(await text(await storage.get('k', { start: 2, end: 5 }))).toBe('2345');
    expect(await text(await storage.get('k', { start: 9, end: 9 }))).toBe('9');
    expect(await text(await storage.get('k', { start: 7, end: 100 }))).toBe('789');
    await expect(storage.get('k', { start: 5, end: 4 })).rejects.toBeInstanceOf(RangeError);
  });

  it('keeps the previous blob visible until a new write completes', async () => {
    await storage.put('doc', Buffer.from('old'));
    const body = new PassThrough();
    const writing = storage.put('doc', body);
    body.write('new ');
    await new Promise((r) => setTimeout(r, 20));
    expect(await text(await storage.get('doc'))).toBe('old');
    body.end('content');
    await writing;
    expect(await text(await storage.get('doc'))).toBe('new content');
  });

  it('enforces maxBytes while streaming, leaving no partial file and the old blob intact', async () => {
    await storage.put('up/file', Buffer.from('previous'));
    const source = chunks(1000, 1024);
    await expect(storage.put('up/file', source, { maxBytes: 10 * 1024 })).rejects.toBeInstanceOf(BlobTooLarge);
    // The rest of the upload is not read once the limit is hit.
    expect(source.destroyed).toBe(true);
    expect(await text(await storage.get('up/file'))).toBe('previous');
    expect(await filesUnder(root)).toEqual(['up/file']);

    await expect(storage.put('up/b', Buffer.alloc(11), { maxBytes: 10 })).rejects.toBeInstanceOf(BlobTooLarge);
    expect((await storage.put('up/c', chunks(10, 1), { maxBytes: 10 })).size).toBe(10);
    expect(await storage.stat('up/b')).toBeNull();
  });

  it('cleans up the temp file when the source stream fails', async () => {
    const body = new PassThrough();
    const writing = storage.put('broken', body);
    body.write('partial');
    body.destroy(new Error('client went away'));
    await expect(writing).rejects.toThrow('client went away');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('reports missing blobs', async () => {
    await expect(storage.get('nope/x')).rejects.toBeInstanceOf(BlobNotFound);
    expect(await storage.stat('nope/x')).toBeNull();
    await storage.put('dir/file', Buffer.from('x'));
    // A folder is not a blob, and a path through a file is not one either.
    await expect(storage.get('dir')).rejects.toBeInstanceOf(BlobNotFound);
    expect(await storage.stat('dir')).toBeNull();
    await expect(storage.get('dir/file/deeper')).rejects.toBeInstanceOf(BlobNotFound);
  });

  it.each([
    '',
    '/etc/passwd',
    '../escape',
    'a/../../escape',
    'a/..',
    './a',
    'a/./b',
    'a\\..\\b',
    'a//b',
    'a/',
    'a\0b',
    '.tmp-1234-x',
  ])('rejects the key %j', async (key) => {
    await expect(storage.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidBlobKey);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidBlobKey);
    await expect(storage.stat(key)).rejects.toBeInstanceOf(InvalidBlobKey);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidBlobKey);
    expect(await filesUnder(parent)).toEqual([]);
  });

  it('deletes idempotently', async () => {
    await storage.put('a/b', Buffer.from('x'));
    await storage.delete('a/b');
    await storage.delete('a/b');
    expect(await storage.stat('a/b')).toBeNull();
  });

  it('deletes by prefix with S3 semantics', async () => {
    for (const key of [
      'tracks/ab/hls/0.ts',
      'tracks/ab/hls/master.m3u8',
      'tracks/abc/original',
      'tracks/b/original',
      'other',
    ]) {
      await storage.put(key, Buffer.from(key));
    }
    await storage.deletePrefix('tracks/ab/');
    expect(await filesUnder(root)).toEqual(['other', 'tracks/abc/original', 'tracks/b/original']);

    await storage.put('tracks/ab/original', Buffer.from('x'));
    await storage.deletePrefix('tracks/a');
    expect(await filesUnder(root)).toEqual(['other', 'tracks/b/original']);

    await storage.deletePrefix('missing/prefix/');
    await storage.deletePrefix('missing/prefix');
    await expect(storage.deletePrefix('/')).rejects.toBeInstanceOf(InvalidBlobKey);
    await expect(storage.deletePrefix('../')).rejects.toBeInstanceOf(InvalidBlobKey);
    expect(await filesUnder(root)).toEqual(['other', 'tracks/b/original']);
  });

  it('hands tools a readable local path for a blob, and refuses a missing one', async () => {
    await storage.put('originals/a/song.wav', Buffer.from('RIFF....WAVE'));
    const read = await storage.withLocalFile('originals/a/song.wav', (file) => fs.readFile(file, 'utf8'));
    expect(read).toBe('RIFF....WAVE');
    await expect(storage.withLocalFile('originals/a/none.wav', () => Promise.resolve())).rejects.toBeInstanceOf(
      BlobNotFound,
    );
    await expect(storage.withLocalFile('../etc/passwd', () => Promise.resolve())).rejects.toBeInstanceOf(
      InvalidBlobKey,
    );
  });
});
