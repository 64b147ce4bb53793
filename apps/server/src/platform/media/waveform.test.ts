import { describe, expect, it } from 'vitest';
import { PeakBuckets } from './waveform';

/** The definition, one sample at a time: a sample counts towards every bucket its [s, s+1) overlaps. */
function referencePeaks(samples: Int16Array, points: number, expected: number): number[] {
  const peaks = new Array<number>(points).fill(0);
  samples.forEach((v, s) => {
    const first = Math.min(points - 1, Math.floor((s * points) / expected));
    const last = Math.min(points - 1, Math.ceil(((s + 1) * points) / expected) - 1);
    for (let i = first; i <= last; i++) peaks[i] = Math.max(peaks[i]!, Math.min(1, Math.abs(v) / 32767));
  });
  return peaks.map((p) => Math.round(p * 1000) / 1000);
}

/** Deterministic noise with a slow envelope, so neighbouring buckets differ. */
function noise(count: number, seed: number): Int16Array {
  const out = new Int16Array(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const envelope = 0.2 + 0.8 * Math.abs(Math.sin(i / 997));
    out[i] = Math.round((((x >>> 8) % 65536) - 32768) * envelope);
  }
  out[Math.floor(count / 3)] = -32768; // full scale negative reads as 1
  return out;
}

/** The PCM bytes cut at arbitrary places (odd ones included) and at odd offsets of a larger buffer. */
function* chunksOf(samples: Int16Array, seed: number): Generator<Buffer> {
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  let x = seed;
  for (let at = 0; at < bytes.length;) {
    x = (x * 69069 + 1) >>> 0;
    const size = 1 + (x % 9001);
    const padded = Buffer.alloc(size + 1);
    const piece = bytes.subarray(at, at + size);
    piece.copy(padded, 1);
    yield padded.subarray(1, 1 + piece.length);
    at += size;
  }
}

describe('PeakBuckets', () => {
  it.each([
    ['more samples than points', 100_003, 1800, 100_003],
    ['fewer samples than points', 400, 1800, 400],
    ['an exact multiple', 18_000, 1800, 18_000],
    ['more audio than the probe announced', 30_000, 100, 20_000],
    ['less audio than the probe announced', 15_000, 100, 20_000],
  ])('matches the one-sample-at-a-time definition: %s', (_, count, points, expected) => {
    const samples = noise(count, count);
    const buckets = new PeakBuckets(points, expected);
    for (const chunk of chunksOf(samples, points)) buckets.push(chunk);
    expect(buckets.values()).toEqual(referencePeaks(samples, points, expected));
  });
});
