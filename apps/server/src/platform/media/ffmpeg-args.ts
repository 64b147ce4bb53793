/**
 * A local path as ffmpeg should read it. Without the `file:` protocol a path
 * starting with `-` would parse as an option and one starting with `concat:`
 * or `http:` would open another protocol; the path then means only a file.
 */
export function fileArg(filePath: string): string {
  return `file:${filePath}`;
}

/**
 * The only protocols ffmpeg or ffprobe may open for an input: the file
 * named and pipes. A container that names a URL (an HLS playlist, a QuickTime
 * reference) then cannot make the server fetch it.
 */
export const PROTOCOL_WHITELIST = ['-protocol_whitelist', 'file,pipe'] as const;

/**
 * The demuxers of the containers Veza accepts, as ffmpeg names them. None
 * of them opens another file: playlists (hls), lists of files (concat,
 * ffconcat), image sequences and the like are not on it, so no upload can
 * make a tool read another user's original.
 */
export const AUDIO_DEMUXERS = ['mp3', 'flac', 'wav', 'aiff', 'aac', 'mov', 'ogg'] as const;
export type AudioDemuxer = (typeof AUDIO_DEMUXERS)[number];

/**
 * An upload as ffmpeg's input, read by the demuxer the probe found: ffmpeg
 * never guesses the container again (a guess could pick one that opens
 * other files), and opens nothing but that file.
 */
export function audioInputArgs(filePath: string, demuxer: AudioDemuxer): string[] {
  return [...PROTOCOL_WHITELIST, '-f', demuxer, '-i', fileArg(filePath)];
}

/** Arguments that make ffmpeg report progress as key=value lines on stdout instead of a status line. */
export const PROGRESS_ARGS = ['-progress', 'pipe:1', '-nostats'] as const;

/**
 * Seconds of output written so far, from one line of ffmpeg's `-progress`
 * report (`out_time=00:01:02.345678`). `out_time` is read rather than
 * `out_time_us` because older builds lack the latter and mislabel
 * microseconds as `out_time_ms`.
 */
export function progressSeconds(line: string): number | null {
  const match = /^out_time=(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)\s*$/.exec(line);
  if (!match) return null;
  const [, sign, h, m, s] = match;
  if (sign) return 0;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}
