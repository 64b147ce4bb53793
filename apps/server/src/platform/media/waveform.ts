import { fileArg } from './ffmpeg-args';
import type { MediaTools } from './ffmpeg-binaries';
import { runTool } from './run-tool';

// Peaks for a drawing need no fidelity: 8 kHz mono is 16 KB/s to scan instead of 176 KB/s.
const SAMPLE_RATE = 8000;

export interface WaveformOptions {
  /** The probed length, used to size buckets before the audio arrives. */
  durationSec: number;
  points?: number;
  signal?: AbortSignal;
}

/**
 * The peak absolute amplitude (0..1, 3 decimals) of each of `points` equal
 * slices of the track, computed while ffmpeg streams PCM: a long track is
 * never held in memory. Values are not normalised, so a quiet master draws
 * small; the player can scale them.
 */
export async function waveformPeaks(tools: MediaTools, filePath: string, opts: WaveformOptions): Promise<number[]> {
  const points = opts.points ?? 1800;
  if (!Number.isInteger(points) || points < 1) throw new RangeError(`points must be a positive integer, got ${points}`);
  const peaks = new PeakBuckets(points, Math.max(1, Math.round(opts.durationSec * SAMPLE_RATE)));
  await runTool(
    tools.ffmpeg,
    [
      '-nostdin',
      '-v',
      'error',
      '-i',
      fileArg(filePath),
      '-map',
      '0:a:0',
      '-ac',
      '1',
      '-ar',
      String(SAMPLE_RATE),
      '-c:a',
      'pcm_s16le',
      '-f',
      's16le',
      '-',
    ],
    { signal: opts.signal, onStdout: (chunk) => peaks.push(chunk) },
  );
  return peaks.values();
}

/**
 * Bucket i covers samples [i·n/points, (i+1)·n/points) on a continuous axis;
 * a sample counts towards every bucket its [s, s+1) overlaps. With more
 * samples than points a sample lands in one bucket (two at a boundary); with
 * fewer, one sample fills several buckets, so a short clip draws as steps
 * rather than spikes between zeros. Samples past the expected count (the
 * probe underestimated) go to the last bucket.
 */
class PeakBuckets {
  private readonly peaks: Float64Array;
  private sample = 0;
  private carry: number | null = null;

  constructor(
    private readonly points: number,
    private readonly expectedSamples: number,
  ) {
    this.peaks = new Float64Array(points);
  }

  push(chunk: Buffer): void {
    let offset = 0;
    // A chunk can end halfway through a 16-bit sample; its first byte waits for the next chunk.
    if (this.carry !== null && chunk.length > 0) {
      this.add(Buffer.from([this.carry, chunk[0]!]).readInt16LE(0));
      this.carry = null;
      offset = 1;
    }
    const end = offset + ((chunk.length - offset) & ~1);
    for (let i = offset; i < end; i += 2) this.add(chunk.readInt16LE(i));
    if (end < chunk.length) this.carry = chunk[end]!;
  }

  values(): number[] {
    return Array.from(this.peaks, (p) => Math.round(p * 1000) / 1000);
  }

  private add(value: number): void {
    const amplitude = Math.min(1, Math.abs(value) / 32767);
    const { points, expectedSamples: n } = this;
    const s = this.sample++;
    const first = Math.min(points - 1, Math.floor((s * points) / n));
    const last = Math.min(points - 1, Math.ceil(((s + 1) * points) / n) - 1);
    for (let i = first; i <= last; i++) if (amplitude > this.peaks[i]!) this.peaks[i] = amplitude;
  }
}
