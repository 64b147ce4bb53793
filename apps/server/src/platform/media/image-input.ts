import sharp, { type Sharp, type SharpOptions } from 'sharp';

export class NotAnImage extends Error {
  constructor(readonly detail: string) {
    super(`This file is not an image Veza can read: upload a JPEG, PNG or WebP (${detail})`);
    this.name = 'NotAnImage';
  }
}

/** The image formats people may upload (covers, avatars), as sharp names them. */
export type AcceptedImageFormat = 'jpeg' | 'png' | 'webp';

export const IMAGE_MIME_TYPES: Readonly<Record<AcceptedImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const INPUT: SharpOptions = {
  // A few-KB file can declare a 50,000² canvas; 64 MP is well above any real cover scan.
  limitInputPixels: 64_000_000,
  // Embedded covers are often slightly malformed JPEGs that every viewer shows anyway.
  failOn: 'truncated',
};

/**
 * The format of an uploaded image, from its first bytes alone: never its
 * name or declared type. Only JPEG, PNG and WebP pass, so no other decoder
 * of the image library ever sees an upload (an SVG can name other files, and
 * TIFF, HEIC or GIF decoders add attack surface for nothing a cover needs).
 */
export function sniffImageFormat(bytes: Buffer): AcceptedImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'webp';
  }
  return undefined;
}

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/**
 * An accepted image, opened and its header read: the bytes' signature names
 * JPEG, PNG or WebP, and the decoder agrees. Throws NotAnImage otherwise.
 */
export async function openAcceptedImage(bytes: Buffer): Promise<{ image: Sharp; format: AcceptedImageFormat }> {
  const format = sniffImageFormat(bytes);
  if (!format) throw new NotAnImage('not a JPEG, PNG or WebP file');
  const image = sharp(bytes, INPUT);
  let decoded: string | undefined;
  try {
    decoded = (await image.metadata()).format;
  } catch (err) {
    throw new NotAnImage(err instanceof Error ? err.message : String(err));
  }
  if (decoded !== format) throw new NotAnImage(`a ${format} signature on ${decoded ?? 'unknown'} data`);
  return { image, format };
}

/**
 * An uploaded image decoded and encoded again in its own format, turned
 * upright and at most `maxSide` px on its longer side. Nothing of the
 * original file survives but its pixels: EXIF (with any GPS position), XMP,
 * comments and whatever a crafted file hides after its data are dropped.
 */
export async function reencodeImage(
  bytes: Buffer,
  opts: { maxSide: number },
): Promise<{ buffer: Buffer; format: AcceptedImageFormat }> {
  const { image, format } = await openAcceptedImage(bytes);
  const upright = image.autoOrient().resize(opts.maxSide, opts.maxSide, { fit: 'inside', withoutEnlargement: true });
  try {
    const encoded =
      format === 'jpeg'
        ? upright.jpeg({ quality: 85, mozjpeg: true })
        : format === 'png'
          ? upright.png({ compressionLevel: 9 })
          : upright.webp({ quality: 85 });
    return { buffer: await encoded.toBuffer(), format };
  } catch (err) {
    throw new NotAnImage(err instanceof Error ? err.message : String(err));
  }
}
