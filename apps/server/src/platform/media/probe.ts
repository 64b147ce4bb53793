import { promises as fs } from 'node:fs';
import { AUDIO_DEMUXERS, fileArg, PROTOCOL_WHITELIST, type AudioDemuxer } from './ffmpeg-args';
import type { MediaTools } from './ffmpeg-binaries';
import { MediaToolError, runTool } from './run-tool';

export interface AudioProbe {
  durationSec: number;
  /** ffprobe's codec name: `mp3`, `flac`, `aac`, `pcm_s16le`, `opus`… */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Bits per second; null when neither the stream nor the container states it. */
  bitRate: number | null;
  /** ffprobe's format name: `mp3`, `flac`, `wav`, `ogg`, `mov,mp4,m4a,3gp,3g2,mj2`… */
  formatName: string;
  /** The demuxer that read it: what every later ffmpeg is told to use (`-f`). */
  demuxer: AudioDemuxer;
}

export type NotAudioReason = 'empty' | 'unreadable' | 'no-audio' | 'video' | 'unsupported' | 'no-duration' | 'damaged';

/** The upload is not audio Veza accepts. The message is written for the artist who uploaded it. */
export class NotAudio extends Error {
  constructor(
    readonly reason: NotAudioReason,
    message: string,
  ) {
    super(message);
    this.name = 'NotAudio';
  }
}

const PCM_LITTLE_ENDIAN = ['pcm_u8', 'pcm_s16le', 'pcm_s24le', 'pcm_s32le', 'pcm_f32le', 'pcm_f64le'];
// AIFF-C stores little-endian PCM too ('sowt'), as exported by some DAWs.
const PCM_AIFF = ['pcm_s8', 'pcm_s16be', 'pcm_s24be', 'pcm_s32be', 'pcm_f32be', 'pcm_f64be', 'pcm_s16le'];

/** Containers (as ffprobe names them), the demuxer that reads each, and the codecs accepted inside. */
export const ACCEPTED_FORMATS: readonly {
  label: string;
  formatName: string;
  demuxer: AudioDemuxer;
  codecs: readonly string[];
}[] = [
  { label: 'mp3', formatName: 'mp3', demuxer: 'mp3', codecs: ['mp3'] },
  { label: 'flac', formatName: 'flac', demuxer: 'flac', codecs: ['flac'] },
  { label: 'wav', formatName: 'wav', demuxer: 'wav', codecs: PCM_LITTLE_ENDIAN },
  { label: 'aiff', formatName: 'aiff', demuxer: 'aiff', codecs: PCM_AIFF },
  { label: 'aac', formatName: 'aac', demuxer: 'aac', codecs: ['aac'] },
  // One demuxer under six names; `-f mov` selects it.
  { label: 'm4a', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', demuxer: 'mov', codecs: ['aac', 'alac'] },
  { label: 'ogg', formatName: 'ogg', demuxer: 'ogg', codecs: ['vorbis', 'opus', 'flac'] },
];

/**
 * ffprobe may pick only an accepted demuxer. The check happens after
 * ffprobe has guessed the container from the file's first bytes and before
 * the demuxer reads anything, so a playlist's or a concat script's entries
 * are never opened; the guess alone reads nothing but the upload.
 */
const PROBE_ARGS = [
  ...PROTOCOL_WHITELIST,
  ...['-format_whitelist', AUDIO_DEMUXERS.join(',')],
  ...['-v', 'error', '-show_format', '-show_streams', '-of', 'json'],
];

/** What ffprobe logs when it recognised a container that is not on the whitelist: `[hls @ 0x…] Format not on whitelist`. */
const NOT_ON_WHITELIST = /\[([\w,]+) @ (?:0x)?[0-9a-f]+\] Format not on whitelist/;
/** Demuxers that read other files or URLs named inside the upload, for a message that says so. */
const REFERENCING_DEMUXERS = new Set(['hls', 'applehttp', 'concat', 'dash', 'image2', 'mpjpeg', 'tee', 'data']);

const UPLOAD_HINT = 'upload mp3, flac, wav, aiff, aac/m4a or ogg/opus';

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  sample_rate?: string;
  channels?: number;
  bit_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
}

interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { format_name?: string; format_long_name?: string; duration?: string; bit_rate?: string };
}

/**
 * Reads what an upload is, from its content rather than its name, and throws
 * NotAudio when it is not audio Veza accepts. A header can claim more than
 * the file holds (a truncated upload probes at full length): verifyDecodes
 * checks the body.
 */
export async function probeAudio(tools: MediaTools, filePath: string): Promise<AudioProbe> {
  const { size } = await fs.stat(filePath);
  if (size === 0) throw new NotAudio('empty', 'The file is empty');

  let json: string;
  try {
    ({ stdout: json } = await runTool(tools.ffprobe, [...PROBE_ARGS, fileArg(filePath)]));
  } catch (err) {
    // Only a verdict on the file becomes NotAudio; ffprobe failing to start is the server's problem.
    if (err instanceof MediaToolError && err.exitCode !== null) {
      const refused = NOT_ON_WHITELIST.exec(err.stderrTail)?.[1];
      if (refused) throw notAccepted(refused);
      // ffprobe's own words ("Invalid argument", "End of file") are errno text that tells an artist nothing.
      throw new NotAudio(
        'unreadable',
        'This file is not audio Veza can read. Upload mp3, flac, wav, aiff, aac/m4a or ogg/opus.',
      );
    }
    throw err;
  }
  const probe = JSON.parse(json) as ProbeOutput;
  const streams = probe.streams ?? [];
  const format = probe.format ?? {};

  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!audio) throw new NotAudio('no-audio', 'The file has no audio stream');
  // Cover art is a one-frame video stream marked attached_pic; anything else is a film.
  if (streams.some((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1)) {
    throw new NotAudio('video', `This file contains video: ${UPLOAD_HINT}`);
  }

  const formatName = format.format_name ?? 'unknown';
  const codec = audio.codec_name ?? 'unknown';
  const accepted = ACCEPTED_FORMATS.find((f) => f.formatName === formatName && f.codecs.includes(codec));
  if (!accepted) {
    const described = `${format.format_long_name ?? formatName} with ${codec} audio`;
    throw new NotAudio('unsupported', `This file's format (${described}) is not supported: ${UPLOAD_HINT}`);
  }

  const durationSec = positive(audio.duration) ?? positive(format.duration);
  if (durationSec === null) throw new NotAudio('no-duration', 'The file contains no audio (its length is zero)');

  return {
    durationSec,
    codec,
    sampleRate: positive(audio.sample_rate) ?? 0,
    channels: audio.channels ?? 0,
    bitRate: positive(audio.bit_rate) ?? positive(format.bit_rate),
    formatName,
    demuxer: accepted.demuxer,
  };
}

function notAccepted(demuxer: string): NotAudio {
  if (REFERENCING_DEMUXERS.has(demuxer.split(',')[0]!)) {
    return new NotAudio(
      'unsupported',
      `This file is a playlist or a list of other files (${demuxer}), not audio: upload the audio file itself`,
    );
  }
  return new NotAudio('unsupported', `This file's format (${demuxer}) is not supported: ${UPLOAD_HINT}`);
}

function positive(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}
