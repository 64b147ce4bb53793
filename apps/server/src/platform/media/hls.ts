import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { MediaTools } from './ffmpeg-binaries';
import { audioInputArgs, fileArg, PROGRESS_ARGS, progressSeconds, type AudioDemuxer } from './ffmpeg-args';
import { allOrFirstFailure } from './fail-fast';
import { runTool } from './run-tool';

export interface Rendition {
  /** Folder and playlist name under outDir: letters, digits, `_` and `-`. */
  name: string;
  bitrateKbps: number;
}

export const DEFAULT_RENDITIONS: readonly Rendition[] = [
  { name: '64k', bitrateKbps: 64 },
  { name: '128k', bitrateKbps: 128 },
  { name: '256k', bitrateKbps: 256 },
];

export interface HlsOptions {
  input: string;
  /** The probed demuxer (AudioProbe.demuxer). */
  demuxer: AudioDemuxer;
  /** Receives master.m3u8 and one folder per rendition; created if absent. */
  outDir: string;
  /** The probed (or decoded) length, for progress. */
  durationSec: number;
  renditions?: readonly Rendition[];
  segmentSeconds?: number;
  /** ffmpeg processes to share the renditions out over (default 1); more than the renditions count as that many. */
  encoders?: number;
  /** Whole percents, each at most once, ending with 100. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

export interface HlsRendition extends Rendition {
  /** Relative to outDir, as written in master.m3u8. */
  playlist: string;
  segments: number;
  /** Measured from the segments, in bits/s including MPEG-TS overhead. */
  peakBandwidth: number;
  averageBandwidth: number;
}

export interface HlsResult {
  masterPath: string;
  renditions: HlsRendition[];
}

const AAC_LC = 'mp4a.40.2';

/**
 * Transcodes the first audio stream into AAC-LC HLS renditions. The
 * renditions are shared out over `encoders` ffmpeg processes (default one):
 * each process decodes the input once and encodes its renditions on one
 * core, as ffmpeg encodes the outputs of one process one after another. A
 * lone track on an idle multi-core machine is then ready in little more
 * than its slowest rendition's time; when every core already has a job,
 * one process per track wastes no second decode. One `-f hls` output per
 * rendition because the bundled 2018 ffmpeg crashes on `-var_stream_map`,
 * which is also why master.m3u8 is written here.
 *
 * Every rendition is stereo 44.1 kHz: mono becomes dual mono, which AAC's
 * mid/side coding stores almost for free, and identical layouts let the
 * player switch renditions without reconfiguring its audio output. AAC
 * rather than Opus because this build's mp4 muxer rejects Opus, which rules
 * out fMP4; AAC-LC in MPEG-TS segments plays on every HLS client. The first
 * process to fail stops the others. On failure or abort, outDir keeps
 * partial files: it is the caller's scratch folder.
 */
export async function transcodeToHls(tools: MediaTools, opts: HlsOptions): Promise<HlsResult> {
  const renditions = opts.renditions ?? DEFAULT_RENDITIONS;
  const segmentSeconds = opts.segmentSeconds ?? 6;
  if (renditions.length === 0) throw new RangeError('at least one rendition is required');
  for (const r of renditions) {
    if (!/^[A-Za-z0-9_-]+$/.test(r.name)) throw new RangeError(`invalid rendition name: ${r.name}`);
  }
  // The hls muxer does not create folders.
  for (const r of renditions) await fs.mkdir(path.join(opts.outDir, r.name), { recursive: true });

  const groups = shareOut(renditions, opts.encoders ?? 1);
  // Overall progress is the slowest encoder's.
  const reached = groups.map(() => 0);
  const progress = percentReporter(opts.durationSec, opts.onProgress);
  const encode = (group: readonly Rendition[], index: number) => (signal: AbortSignal) =>
    runTool(
      tools.ffmpeg,
      [
        ...['-nostdin', '-hide_banner', '-v', 'error', '-y', ...audioInputArgs(opts.input, opts.demuxer)],
        ...PROGRESS_ARGS,
        ...group.flatMap((r) => hlsOutputArgs(r, opts.outDir, segmentSeconds)),
      ],
      {
        signal,
        onStdoutLine: (line) => {
          const seconds = progressSeconds(line);
          if (seconds === null) return;
          reached[index] = seconds;
          progress(Math.min(...reached));
        },
      },
    );
  await allOrFirstFailure(groups.map(encode), opts.signal);

  const measured: HlsRendition[] = [];
  for (const r of renditions) {
    measured.push({ ...r, playlist: `${r.name}/index.m3u8`, ...(await measure(opts.outDir, r.name, segmentSeconds)) });
  }
  const masterPath = path.join(opts.outDir, 'master.m3u8');
  await fs.writeFile(masterPath, masterPlaylist(measured));
  opts.onProgress?.(100);
  return { masterPath, renditions: measured };
}

function masterPlaylist(renditions: readonly HlsRendition[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${r.peakBandwidth},AVERAGE-BANDWIDTH=${r.averageBandwidth},CODECS="${AAC_LC}"`,
      r.playlist,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * BANDWIDTH is the peak segment bitrate (RFC 8216 §4.3.4.2), measured
 * rather than guessed: TS overhead is ~8-12% depending on the bitrate. The
 * encoder's last segment is often one 23 ms AAC frame whose fixed TS headers
 * would read as several times the real rate, so segments shorter than half
 * the target are left out of the peak unless they are all there is.
 */
async function measure(
  outDir: string,
  name: string,
  segmentSeconds: number,
): Promise<{ segments: number; peakBandwidth: number; averageBandwidth: number }> {
  const dir = path.join(outDir, name);
  const playlist = await fs.readFile(path.join(dir, 'index.m3u8'), 'utf8');
  const segments: { seconds: number; bits: number }[] = [];
  let seconds = 0;
  for (const line of playlist.split('\n')) {
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) seconds = Number(extinf[1]);
    else if (line && !line.startsWith('#')) {
      segments.push({ seconds, bits: (await fs.stat(path.join(dir, line))).size * 8 });
    }
  }
  const totalSeconds = segments.reduce((sum, s) => sum + s.seconds, 0);
  if (totalSeconds <= 0) throw new Error(`ffmpeg wrote no segments for rendition ${name}`);
  const averageBandwidth = Math.ceil(segments.reduce((sum, s) => sum + s.bits, 0) / totalSeconds);
  const full = segments.filter((s) => s.seconds >= segmentSeconds / 2);
  const peak = Math.max(...(full.length > 0 ? full : segments).map((s) => s.bits / s.seconds));
  return { segments: segments.length, peakBandwidth: Math.max(averageBandwidth, Math.ceil(peak)), averageBandwidth };
}

function percentReporter(durationSec: number, onProgress?: (percent: number) => void): (seconds: number) => void {
  let reported = -1;
  return (seconds) => {
    if (!onProgress || !(durationSec > 0)) return;
    // 100 is kept for the end, after the master playlist exists.
    const percent = Math.min(99, Math.floor((seconds / durationSec) * 100));
    if (percent > reported) {
      reported = percent;
      onProgress(percent);
    }
  };
}

/** One `-f hls` output: AAC-LC stereo 44.1 kHz at the rendition's bitrate, VOD playlist, independent segments. */
function hlsOutputArgs(r: Rendition, outDir: string, segmentSeconds: number): string[] {
  const dir = path.join(outDir, r.name);
  return [
    ...['-map', '0:a:0', '-vn', '-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', `${r.bitrateKbps}k`],
    ...['-ac', '2', '-ar', '44100', '-f', 'hls', '-hls_time', String(segmentSeconds), '-hls_playlist_type', 'vod'],
    ...['-hls_flags', 'independent_segments', '-hls_segment_filename', fileArg(path.join(dir, 'seg_%05d.ts'))],
    fileArg(path.join(dir, 'index.m3u8')),
  ];
}

/**
 * Renditions dealt out to `count` groups, highest bitrate first, each to the
 * group with the fewest so far: the encoder's time per rendition grows only
 * a little with the bitrate (2.0, 2.3 and 2.45 s for 3 minutes at 64, 128
 * and 256 kbps, measured), so the count is what balances the groups.
 */
export function shareOut(renditions: readonly Rendition[], count: number): Rendition[][] {
  const groups: Rendition[][] = Array.from({ length: Math.max(1, Math.min(count, renditions.length)) }, () => []);
  const byBitrate = [...renditions].sort((a, b) => b.bitrateKbps - a.bitrateKbps);
  for (const r of byBitrate) groups.reduce((fewest, g) => (g.length < fewest.length ? g : fewest)).push(r);
  return groups;
}
