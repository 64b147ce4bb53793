import path from 'node:path';
import type { MediaTools } from './ffmpeg-binaries';
import { audioInputArgs, PROGRESS_ARGS, progressSeconds, type AudioDemuxer } from './ffmpeg-args';
import { EBUR128_FILTER, LoudnessSummary, type Loudness } from './loudness';
import { NotAudio } from './probe';
import { MediaToolError, runTool } from './run-tool';

export interface DecodeCheck {
  /** Length of the audio that actually decoded; prefer it to the probed length. */
  decodedDurationSec: number;
  /** Error lines ffmpeg logged about frames it skipped (a few per bad frame): worth a log line, not a refusal. */
  decodeErrors: number;
  /** EBU R128 loudness of what decoded, for playback normalisation. */
  loudness: Loudness;
}

/**
 * Decodes the whole first audio stream once, through ffmpeg's EBU R128
 * meter, and throws NotAudio('damaged') when noticeably less audio comes
 * out than the probe announced. Headers state the full length (FLAC's
 * STREAMINFO, an MP3's bitrate estimate), so a cut upload probes fine;
 * ffmpeg then logs one error and stops early, exiting 0. Isolated bad
 * frames are only counted: refusing a track for one glitch that players
 * skip silently would be harsher than the glitch. The check and the meter
 * share one decode because every decode of the job competes with the API
 * for the CPU (benchmark X2).
 */
export async function verifyDecodes(
  tools: MediaTools,
  filePath: string,
  opts: { expectedDurationSec: number; demuxer: AudioDemuxer; signal?: AbortSignal },
): Promise<DecodeCheck> {
  let decodedDurationSec = 0;
  let decodeErrors = 0;
  const summary = new LoudnessSummary();
  const decode = runTool(
    tools.ffmpeg,
    [
      // Level info for the meter's summary; `level` tags each message so errors can be told apart.
      ...['-nostdin', '-hide_banner', '-loglevel', 'level+info', ...audioInputArgs(filePath, opts.demuxer)],
      ...['-map', '0:a:0', '-af', EBUR128_FILTER, ...PROGRESS_ARGS, '-f', 'null', '-'],
    ],
    {
      signal: opts.signal,
      onStdoutLine: (line) => {
        decodedDurationSec = progressSeconds(line) ?? decodedDurationSec;
      },
      onStderrLine: (line) => {
        if (/\[(error|fatal|panic)\] /.test(line)) decodeErrors++;
        summary.line(line);
      },
    },
  );
  const { stderrTail } = await decode.catch((err: unknown) => {
    // ffmpeg refusing a file ffprobe accepted is still a verdict on the file, not on the server.
    if (err instanceof MediaToolError && err.exitCode !== null) {
      throw new NotAudio('damaged', 'The file is damaged: its audio could not be decoded');
    }
    throw err;
  });
  const expected = opts.expectedDurationSec;
  // Probed MP3 lengths are estimates from the bitrate; a few percent either way is not damage.
  const tolerance = Math.max(1, expected * 0.03);
  if (decodedDurationSec < expected - tolerance) {
    throw new NotAudio(
      'damaged',
      `The file is damaged or cut short: only ${clock(decodedDurationSec)} of its ${clock(expected)} could be played`,
    );
  }
  const loudness = summary.result();
  if (!loudness) throw new MediaToolError(path.basename(tools.ffmpeg), 0, stderrTail, 'printed no loudness summary');
  return { decodedDurationSec, decodeErrors, loudness };
}

function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
