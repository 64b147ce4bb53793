import { promises as fs } from 'node:fs';
import sharp, { type SharpOptions } from 'sharp';

export class NotAnImage extends Error {
  constructor(readonly detail: string) {
    super(`This file is not an image Veza can read: upload a JPEG, PNG or WebP (${detail})`);
    this.name = 'NotAnImage';
  }
}

export interface Thumbnail {
  /** Width and height in pixels. */
  size: number;
  /** JPEG bytes. */
  buffer: Buffer;
}

const INPUT: SharpOptions = {
  // A few-KB file can declare a 50,000² canvas; 64 MP is well above any real cover scan.
  limitInputPixels: 64_000_000,
  // Embedded covers are often slightly malformed JPEGs that every viewer shows anyway.
  failOn: 'truncated',
};

/**
 * Square JPEG thumbnails, centre-cropped. JPEG rather than WebP because
 * every client and every share-card scraper reads it. Small sources are
 * enlarged so each requested size exists; transparency is flattened onto
 * white, which JPEG needs and which matches how most players frame covers.
 * Metadata (EXIF, including any GPS position) is not carried over.
 */
export async function coverThumbnails(
  image: Buffer | string,
  sizes: readonly number[] = [64, 300, 1200],
): Promise<Thumbnail[]> {
  // A missing path is the caller's bug, not a bad upload: let it surface as ENOENT.
  if (typeof image === 'string') await fs.access(image);
  const source = sharp(image, INPUT);
  try {
    await source.metadata();
    return await Promise.all(
      sizes.map(async (size) => ({
        size,
        buffer: await source
          .clone()
          .autoOrient()
          .resize(size, size, { fit: 'cover' })
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 82, mozjpeg: true })
          .toBuffer(),
      })),
    );
  } catch (err) {
    throw new NotAnImage(err instanceof Error ? err.message : String(err));
  }
}
