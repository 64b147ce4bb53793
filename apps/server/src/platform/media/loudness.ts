import path from 'node:path';
import { fileArg } from './ffmpeg-args';
import type { MediaTools } from './ffmpeg-binaries';
import { MediaToolError, runTool } from './run-tool';

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

/**
 * Measures the first audio stream with ffmpeg's ebur128 filter and reads the
 * summary it logs at the end. `metadata=1` is there because the bundled 2018
 * build has no `framelog` option: it moves the per-frame lines to the
 * verbose level, which keeps them out of the log we parse.
 */
export async function integratedLoudness(tools: MediaTools, filePath: string, signal?: AbortSignal): Promise<Loudness> {
  let inSummary = false;
  const found: { integrated?: number; range?: number; peak?: number } = {};
  const { stderrTail } = await runTool(
    tools.ffmpeg,
    [
      '-nostdin',
      '-hide_banner',
      '-nostats',
      '-i',
      fileArg(filePath),
      '-map',
      '0:a:0',
      '-af',
      'ebur128=metadata=1:peak=sample',
      '-f',
      'null',
      '-',
    ],
    {
      signal,
      onStderrLine: (line) => {
        if (/\] Summary:\s*$/.test(line)) inSummary = true;
        if (!inSummary) return;
        found.integrated ??= matchNumber(line, /^\s*I:\s+(\S+) LUFS/);
        found.range ??= matchNumber(line, /^\s*LRA:\s+(\S+) LU\s*$/);
        found.peak ??= matchNumber(line, /^\s*Peak:\s+(\S+) dBFS/);
      },
    },
  );
  if (found.integrated === undefined) {
    throw new MediaToolError(path.basename(tools.ffmpeg), 0, stderrTail, 'printed no loudness summary');
  }
  return { integratedLufs: found.integrated, peakDbfs: found.peak ?? null, loudnessRange: found.range ?? null };
}

function matchNumber(line: string, pattern: RegExp): number | undefined {
  const value = Number(pattern.exec(line)?.[1]);
  // `-inf` (the peak of silence) is not a number JSON or a column can hold, so it reads as absent.
  return Number.isFinite(value) ? value : undefined;
}
