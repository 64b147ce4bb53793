import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverThumbnails, NotAnImage } from './cover';
import { resolveMediaTools } from './ffmpeg-binaries';
import { MediaFixtures, noisePng } from './media.fixtures';
import { embeddedTags, MAX_EMBEDDED_PICTURE_BYTES } from './tags';

let fx: MediaFixtures;
let png: string;

beforeAll(async () => {
  fx = await MediaFixtures.create(resolveMediaTools(process.env));
  // Landscape, so the square crop is visible in the output dimensions.
  png = await fx.ffmpeg('cover.png', ['-f', 'lavfi', '-i', 'color=c=red:s=320x240', '-frames:v', '1']);
}, 30_000);

afterAll(async () => {
  await fx?.remove();
});

describe('coverThumbnails', () => {
  it('crops a PNG into square JPEGs of each size, from a path or a buffer', async () => {
    for (const input of [png, await fs.readFile(png)]) {
      const thumbs = await coverThumbnails(input);
      expect(thumbs.map((t) => t.size)).toEqual([64, 300, 1200]);
      for (const { size, buffer } of thumbs) {
        expect(await sharp(buffer).metadata()).toMatchObject({ format: 'jpeg', width: size, height: size });
      }
    }
  });

  it('refuses bytes that are not an image', async () => {
    const err = await coverThumbnails(randomBytes(4096)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAnImage);
    expect((err as Error).message).toMatch(/^This file is not an image Veza can read: upload a JPEG, PNG or WebP/);
  });

  it('lets a missing path surface as the caller bug it is', async () => {
    await expect(coverThumbnails(fx.path('missing.png'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('embeddedTags', () => {
  it('reads the tags and the front cover of an mp3', async () => {
    const mp3 = await fx.mp3WithCover('tagged.mp3', png, { title: 'Sine', artist: 'Oscillator', album: 'Tests' });
    const tags = await embeddedTags(mp3);
    expect(tags).toMatchObject({ title: 'Sine', artist: 'Oscillator', album: 'Tests' });
    expect(tags.picture?.format).toBe('image/png');
    expect(tags.picture?.data.equals(await fs.readFile(png))).toBe(true);
  });

  it('skips an embedded picture over 10 MB, keeping the other tags', async () => {
    const huge = await fx.write('huge.png', await noisePng(MAX_EMBEDDED_PICTURE_BYTES));
    const mp3 = await fx.mp3WithCover('huge-cover.mp3', huge, { title: 'Heavy', artist: 'Oscillator' });
    const tags = await embeddedTags(mp3);
    expect(tags).toMatchObject({ title: 'Heavy', artist: 'Oscillator' });
    expect(tags.picture).toBeUndefined();
  });

  it('gives {} for a file it cannot parse', async () => {
    expect(await embeddedTags(await fx.write('notes.mp3', 'not music'))).toEqual({});
    expect(await embeddedTags(fx.path('missing.mp3'))).toEqual({});
  });
});
