import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverThumbnails } from './cover';
import { NotAnImage, reencodeImage, sniffImageFormat } from './image-input';
import { imagesOfEveryKind, jpegWithGps } from './media.fixtures';

let images: Record<string, Buffer>;
beforeAll(async () => {
  images = await imagesOfEveryKind();
});

describe('uploaded images', () => {
  it('are told by their bytes: JPEG, PNG and WebP only', () => {
    expect(Object.fromEntries(Object.entries(images).map(([kind, bytes]) => [kind, sniffImageFormat(bytes)]))).toEqual({
      jpeg: 'jpeg',
      png: 'png',
      webp: 'webp',
      gif: undefined,
      tiff: undefined,
      svg: undefined,
      svgWithReference: undefined,
      garbage: undefined,
    });
  });

  it('are re-encoded in their own format, and anything else is refused', async () => {
    for (const kind of ['jpeg', 'png', 'webp']) {
      const { buffer, format } = await reencodeImage(images[kind]!, { maxSide: 1024 });
      expect(format).toBe(kind);
      expect(await sharp(buffer).metadata()).toMatchObject({ format: kind, width: 16, height: 16 });
    }
    for (const kind of ['gif', 'tiff', 'svg', 'svgWithReference', 'garbage']) {
      await expect(reencodeImage(images[kind]!, { maxSide: 1024 }), kind).rejects.toBeInstanceOf(NotAnImage);
      await expect(coverThumbnails(images[kind]!), kind).rejects.toBeInstanceOf(NotAnImage);
    }
    // A PNG signature in front of another format's data: the decoder must agree with the signature.
    const disguised = Buffer.concat([images.png!.subarray(0, 8), images.gif!]);
    await expect(reencodeImage(disguised, { maxSide: 1024 })).rejects.toBeInstanceOf(NotAnImage);
  });

  it('lose their EXIF and GPS position, as avatars and as cover thumbnails', async () => {
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif?.includes(Buffer.from('TestCam'))).toBe(true);

    const avatar = await reencodeImage(photo, { maxSide: 1024 });
    const metadata = await sharp(avatar.buffer).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(metadata.exif).toBeUndefined();
    for (const thumb of await coverThumbnails(photo, [64])) {
      expect((await sharp(thumb.buffer).metadata()).exif).toBeUndefined();
    }
  });

  it('are made no larger than asked, never enlarged', async () => {
    const big = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const { buffer } = await reencodeImage(big, { maxSide: 1024 });
    expect(await sharp(buffer).metadata()).toMatchObject({ width: 1024, height: 512 });
  });
});
