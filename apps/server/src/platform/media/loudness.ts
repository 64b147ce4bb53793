export interface Loudness {
  /** EBU R128 integrated loudness; ffmpeg reports silence as -70. */
  integratedLufs: number;
  /**
   * Sample peak, not true peak: the player never raises gain above unity, so
   * inter-sample overs cannot be created by normalisation, and true peak's
   * 4x oversampling tripled the cost of this pass. Null for digital silence.
   */
  peakDbfs: number | null;
  loudnessRange: number | null;
}

/** ffmpeg's ebur128 filter, measuring without printing a line per frame (see LoudnessSummary). */
export const EBUR128_FILTER = 'ebur128=metadata=1:peak=sample';

/**
 * Reads the summary ffmpeg's ebur128 filter logs (at level info) when its
 * input ends, from ffmpeg's stderr lines. `metadata=1` is in the filter
 * because the bundled 2018 build has no `framelog` option: it moves the
 * per-frame lines to the verbose level, which keeps them out of the log.
 * A summary can be printed more than once (a filter graph reconfigured
 * mid-stream): the last one is the whole stream's.
 */
export class LoudnessSummary {
  private inSummary = false;
  private found: { integrated?: number; range?: number; peak?: number } = {};

  line(line: string): void {
    if (/\] (\[info\] )?Summary:\s*$/.test(line)) {
      this.inSummary = true;
      this.found = {};
      return;
    }
    if (!this.inSummary) return;
    this.found.integrated ??= matchNumber(line, /^\s*I:\s+(\S+) LUFS/);
    this.found.range ??= matchNumber(line, /^\s*LRA:\s+(\S+) LU\s*$/);
    this.found.peak ??= matchNumber(line, /^\s*Peak:\s+(\S+) dBFS/);
  }

  /** Undefined when ffmpeg printed no summary. */
  result(): Loudness | undefined {
    const { integrated, range, peak } = this.found;
    if (integrated === undefined) return undefined;
    return { integratedLufs: integrated, peakDbfs: peak ?? null, loudnessRange: range ?? null };
  }
}

function matchNumber(line: string, pattern: RegExp): number | undefined {
  const value = Number(pattern.exec(line)?.[1]);
  // `-inf` (the peak of silence) is not a number JSON or a column can hold, so it reads as absent.
  return Number.isFinite(value) ? value : undefined;
}
