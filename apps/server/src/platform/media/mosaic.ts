import { fileArg, PROTOCOL_WHITELIST } from './ffmpeg-args';
import type { MediaTools } from './ffmpeg-binaries';
import { MediaToolError, runTool } from './run-tool';

/** A mosaic of our own small thumbnails takes well under a second; anything longer is a hung tool. */
const MOSAIC_TIMEOUT_MS = 20_000;
/** A 1200 px JPEG is a few hundred KB; the cap only stops a runaway encoder. */
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * Which picture goes in each quarter, reading order, for 1 to 4 covers:
 * one fills the square alone; two sit on a diagonal; three repeat the first
 * in the last corner, so the square is always full and balanced.
 */
export function mosaicLayout<T>(covers: readonly T[]): T[] {
  const [a, b, c, d] = covers;
  if (a === undefined) throw new RangeError('a mosaic needs at least one cover');
  if (b === undefined) return [a];
  if (c === undefined) return [a, b, b, a];
  if (d === undefined) return [a, b, c, a];
  return [a, b, c, d];
}

/**
 * A `size`-pixel square JPEG of the first four of `tiles` (local JPEG
 * files, ours: track cover thumbnails) laid out by `mosaicLayout`. Each
 * input is read by the JPEG demuxer only and through the file protocol
 * only, so nothing else is opened; the run is killed after a few seconds.
 */
export async function coverMosaic(
  tools: MediaTools,
  tiles: readonly string[],
  size: number,
  opts: { signal?: AbortSignal } = {},
): Promise<Buffer> {
  if (!Number.isInteger(size) || size < 2 || size % 2 !== 0) throw new RangeError(`size must be even, got ${size}`);
  const slots = mosaicLayout(tiles.slice(0, 4));
  const tile = slots.length === 1 ? size : size / 2;
  const inputs = slots.flatMap((file) => [...PROTOCOL_WHITELIST, '-f', 'jpeg_pipe', '-i', fileArg(file)]);
  // Square-crop each cover to its quarter (thumbnails are square already; this keeps the grid exact anyway).
  const scaled = slots.map(
    (_, i) => `[${i}:v]scale=${tile}:${tile}:force_original_aspect_ratio=increase,crop=${tile}:${tile},setsar=1[t${i}]`,
  );
  const grid =
    slots.length === 1
      ? '[t0]format=yuvj420p[out]'
      : '[t0][t1]hstack=inputs=2[top];[t2][t3]hstack=inputs=2[bottom];[top][bottom]vstack=inputs=2,format=yuvj420p[out]';
  const signal = opts.signal
    ? AbortSignal.any([opts.signal, AbortSignal.timeout(MOSAIC_TIMEOUT_MS)])
    : AbortSignal.timeout(MOSAIC_TIMEOUT_MS);
  const chunks: Buffer[] = [];
  let bytes = 0;
  await runTool(
    tools.ffmpeg,
    [
      '-nostdin',
      '-v',
      'error',
      ...inputs,
      '-filter_complex',
      [...scaled, grid].join(';'),
      '-map',
      '[out]',
      '-frames:v',
      '1',
      '-c:v',
      'mjpeg',
      '-q:v',
      '3',
      '-f',
      'mjpeg',
      'pipe:1',
    ],
    {
      signal,
      onStdout: (chunk) => {
        bytes += chunk.length;
        if (bytes > MAX_OUTPUT_BYTES) throw new MediaToolError('ffmpeg', null, '', 'wrote too large a mosaic');
        chunks.push(chunk);
      },
    },
  );
  return Buffer.concat(chunks);
}
