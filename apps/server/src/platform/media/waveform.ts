import { audioInputArgs, type AudioDemuxer } from './ffmpeg-args';
import type { MediaTools } from './ffmpeg-binaries';
import { runTool } from './run-tool';

// Peaks for a drawing need no fidelity: 8 kHz mono is 16 KB/s to scan instead of 176 KB/s.
const SAMPLE_RATE = 8000;

export interface WaveformOptions {
  /** The probed length, used to size buckets before the audio arrives. */
  durationSec: number;
  /** The probed demuxer (AudioProbe.demuxer). */
  demuxer: AudioDemuxer;
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
      ...audioInputArgs(filePath, opts.demuxer),
      '-map',
      '0:a:0',
      '-ac',
      '1',
      '-ar',
      String(SAMPLE_RATE),
      '-c:a',
      'pcm_s16le',
      // Write in 32 KB blocks rather than a packet (~1.8 KB) at a time: 20 times fewer wakeups
      // of the server's main thread, which reads the pipe (benchmark X2).
      '-flush_packets',
      '0',
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
 *
 * This runs on the server's main thread for every sample of every upload
 * (1.4 M for 3 minutes), so the samples of a bucket are scanned in one
 * tight loop over integers; per-sample bucket arithmetic cost 110 ns a
 * sample and stalled requests for the length of each chunk (benchmark X2).
 */
export class PeakBuckets {
  /** Peak |sample| per bucket, 0..32768. */
  private readonly peaks: Int32Array;
  private sample = 0;
  private carry: number | null = null;

  constructor(
    private readonly points: number,
    private readonly expectedSamples: number,
  ) {
    this.peaks = new Int32Array(points);
  }

  push(chunk: Buffer): void {
    let bytes = chunk;
    // A chunk can end halfway through a 16-bit sample; its first byte waits for the next chunk.
    if (this.carry !== null && bytes.length > 0) {
      this.addOne(Buffer.from([this.carry, bytes[0]!]).readInt16LE(0));
      this.carry = null;
      bytes = bytes.subarray(1);
    }
    const whole = bytes.length & ~1;
    if (whole < bytes.length) this.carry = bytes[whole]!;
    if (whole === 0) return;
    // An Int16Array view needs an even offset; a chunk the pipe handed over at an odd one is copied.
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : Buffer.from(bytes.subarray(0, whole));
    this.addAll(new Int16Array(aligned.buffer, aligned.byteOffset, whole / 2));
  }

  values(): number[] {
    return Array.from(this.peaks, (p) => Math.round(Math.min(1, p / 32767) * 1000) / 1000);
  }

  private addAll(samples: Int16Array): void {
    const { points, expectedSamples: n, peaks } = this;
    let i = 0;
    while (i < samples.length) {
      const s = this.sample;
      const { first, last } = this.bucketsOf(s);
      if (first !== last) {
        this.addOne(samples[i++]!);
        continue;
      }
      // Samples s..end all fall in bucket `first` alone: the last bucket takes every sample left.
      const end = first === points - 1 ? Infinity : Math.floor(((first + 1) * n) / points) - 1;
      const stop = Math.min(samples.length, i + Math.max(1, end - s + 1));
      let peak = peaks[first]!;
      for (let k = i; k < stop; k++) {
        const v = samples[k]!;
        const a = v < 0 ? -v : v;
        if (a > peak) peak = a;
      }
      peaks[first] = peak;
      this.sample += stop - i;
      i = stop;
    }
  }

  private addOne(value: number): void {
    const amplitude = value < 0 ? -value : value;
    const { first, last } = this.bucketsOf(this.sample++);
    for (let i = first; i <= last; i++) if (amplitude > this.peaks[i]!) this.peaks[i] = amplitude;
  }

  /** The buckets sample s counts towards: those its [s, s+1) overlaps, the last one taking any overflow. */
  private bucketsOf(s: number): { first: number; last: number } {
    const { points, expectedSamples: n } = this;
    return {
      first: Math.min(points - 1, Math.floor((s * points) / n)),
      last: Math.min(points - 1, Math.ceil(((s + 1) * points) / n) - 1),
    };
  }
}
