import { promises as fs } from 'node:fs';
import { NotAnImage, openAcceptedImage } from './image-input';

export { NotAnImage } from './image-input';

export interface Thumbnail {
  /** Width and height in pixels. */
  size: number;
  /** JPEG bytes. */
  buffer: Buffer;
}

/**
 * Square JPEG thumbnails, centre-cropped. JPEG rather than WebP because
 * every client and every share-card scraper reads it. Small sources are
 * enlarged so each requested size exists; transparency is flattened onto
 * white, which JPEG needs and which matches how most players frame covers.
 * Only JPEG, PNG and WebP are read. Metadata (EXIF, including any GPS
 * position) is not carried over.
 */
export async function coverThumbnails(
  image: Buffer | string,
  sizes: readonly number[] = [64, 300, 1200],
): Promise<Thumbnail[]> {
  // A missing path is the caller's bug, not a bad upload: let it surface as ENOENT.
  const bytes = typeof image === 'string' ? await fs.readFile(image) : image;
  // Only JPEG, PNG and WebP, told by their bytes (image-input.ts).
  const { image: source } = await openAcceptedImage(bytes);
  try {
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
