import { execFileSync } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { MediaTools } from './ffmpeg-binaries';
import { progressSeconds } from './ffmpeg-args';
import { runTool } from './run-tool';

/**
 * Test inputs generated with the resolved ffmpeg, so no binary media sits in
 * the repository and every fixture states how it was made.
 */
export class MediaFixtures {
  private constructor(
    readonly tools: MediaTools,
    readonly dir: string,
  ) {}

  static async create(tools: MediaTools): Promise<MediaFixtures> {
    return new MediaFixtures(tools, await fs.mkdtemp(path.join(os.tmpdir(), 'veza-media-')));
  }

  path(name: string): string {
    return path.join(this.dir, name);
  }

  /** Runs ffmpeg with `args` (inputs and codec options) writing to `name`; returns its path. */
  async ffmpeg(name: string, args: readonly string[]): Promise<string> {
    const out = this.path(name);
    await runTool(this.tools.ffmpeg, ['-nostdin', '-v', 'error', '-y', ...args, out]);
    return out;
  }

  /** A mono sine; ffmpeg's sine source peaks at 1/8 of full scale (-18 dBFS) before `gainDb`. */
  tone(name: string, opts: { seconds: number; hz?: number; gainDb?: number }, codecArgs: readonly string[] = []) {
    const source = `sine=frequency=${opts.hz ?? 440}:duration=${opts.seconds}:sample_rate=44100`;
    return this.ffmpeg(name, ['-f', 'lavfi', '-i', source, '-af', `volume=${opts.gainDb ?? 0}dB`, ...codecArgs]);
  }

  /** Two seconds of tone with `cover` embedded as ID3 front-cover art, and the given tags. */
  mp3WithCover(name: string, cover: string, tags: Record<string, string>): Promise<string> {
    return this.ffmpeg(name, [
      ...['-f', 'lavfi', '-i', 'sine=duration=2', '-i', cover, '-map', '0', '-map', '1'],
      ...['-c:a', 'libmp3lame', '-c:v', 'copy', '-disposition:v', 'attached_pic', '-id3v2_version', '3'],
      ...['-metadata:s:v', 'comment=Cover (front)'],
      ...Object.entries(tags).flatMap(([key, value]) => ['-metadata', `${key}=${value}`]),
    ]);
  }

  async write(name: string, bytes: Buffer | string): Promise<string> {
    await fs.writeFile(this.path(name), bytes);
    return this.path(name);
  }

  /** How many seconds of audio ffmpeg decodes from `input` (a file or playlist). */
  async decodedSeconds(input: string, extraArgs: readonly string[] = []): Promise<number> {
    let seconds = 0;
    await runTool(
      this.tools.ffmpeg,
      ['-nostdin', '-v', 'error', '-i', input, ...extraArgs, '-progress', 'pipe:1', '-nostats', '-f', 'null', '-'],
      { onStdoutLine: (line) => (seconds = progressSeconds(line) ?? seconds) },
    );
    return seconds;
  }

  async remove(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * A FIFO at `file` that tells whether anything opened it for reading, event
 * driven and without ever blocking: a pending open for writing completes the
 * moment a reader opens the FIFO, and is then closed at once so the reader
 * sees an empty file and goes on. Whoever opened it cannot have finished
 * before that close, so once the code under test is done, `disarm()` gives
 * a settled answer. Call it in every case: it ends the pending open.
 */
export function fifoTripwire(file: string): { disarm(): Promise<boolean> } {
  execFileSync('mkfifo', ['-m', '600', file]);
  let armed = true;
  let tripped = false;
  const writer = fs.open(file, constants.O_WRONLY).then((handle) => {
    if (armed) tripped = true;
    return handle.close();
  });
  return {
    async disarm() {
      armed = false;
      // Our own reader releases the pending open when nothing else did.
      const reader = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
      await writer;
      await reader.close();
      return tripped;
    },
  };
}

/** An uncompressed PNG of noise just over `bytes`: what a picture of that size looks like to the tag reader. */
export function noisePng(bytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(bytes / 3)) + 1;
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 60 };
  return sharp({ create: { width: side, height: side, channels: 3, background: '#808080', noise } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A small JPEG whose EXIF names a camera and a GPS position, as a phone photo would. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' },
    })
    .toBuffer();
}

/** The same small picture in every format people might send as a cover or avatar, accepted or not. */
export async function imagesOfEveryKind(): Promise<Record<string, Buffer>> {
  const base = () => sharp({ create: { width: 16, height: 16, channels: 3, background: '#c0392b' } });
  return {
    jpeg: await base().jpeg().toBuffer(),
    png: await base().png().toBuffer(),
    webp: await base().webp().toBuffer(),
    gif: await base().gif().toBuffer(),
    tiff: await base().tiff().toBuffer(),
    svg: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg>',
    ),
    // An SVG that names a file: what librsvg must never be handed.
    svgWithReference: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="16" height="16">' +
        '<image xlink:href="file:///etc/passwd" width="16" height="16"/></svg>',
    ),
    garbage: Buffer.from('these are not pixels\n'.repeat(50)),
  };
}
