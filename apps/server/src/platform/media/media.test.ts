import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMediaTools, MediaToolMissing, resolveMediaTools, type MediaTools } from './ffmpeg-binaries';
import { fifoTripwire, MediaFixtures } from './media.fixtures';
import { NotAudio, probeAudio } from './probe';
import { MediaToolError, runTool } from './run-tool';
import { verifyDecodes } from './verify-decodes';
import { waveformPeaks } from './waveform';

let tools: MediaTools;
let fx: MediaFixtures;
const files: Record<string, string> = {};

beforeAll(async () => {
  tools = resolveMediaTools(process.env);
  fx = await MediaFixtures.create(tools);
  const cover = await fx.ffmpeg('cover.png', ['-f', 'lavfi', '-i', 'color=c=red:s=32x32', '-frames:v', '1']);
  // Fixtures are small and independent; two at a time matches the two cores.
  const jobs: [string, () => Promise<string>][] = [
    ['wav', () => fx.tone('tone.wav', { seconds: 14 })],
    ['mp3', () => fx.tone('tone.mp3', { seconds: 14 }, ['-c:a', 'libmp3lame', '-b:a', '96k'])],
    ['flac', () => fx.tone('tone.flac', { seconds: 14 }, ['-c:a', 'flac'])],
    ['opus', () => fx.tone('tone.opus', { seconds: 14 }, ['-c:a', 'libopus', '-b:a', '48k'])],
    ['vorbis', () => fx.tone('tone.ogg', { seconds: 14 }, ['-c:a', 'libvorbis'])],
    ['m4a', () => fx.tone('tone.m4a', { seconds: 14 }, ['-c:a', 'aac', '-b:a', '96k'])],
    ['aiff', () => fx.tone('tone.aiff', { seconds: 14 })],
    ['webm', () => fx.tone('tone.webm', { seconds: 2 }, ['-c:a', 'libopus'])],
    ['loud', () => fx.tone('loud.wav', { seconds: 3, hz: 1000, gainDb: 18 })],
    ['short', () => fx.tone('short.wav', { seconds: 0.05 })],
    ['silence', () => fx.ffmpeg('silence.wav', ['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=mono', '-t', '3'])],
    ['withCover', () => fx.mp3WithCover('with-cover.mp3', cover, { title: 'Sine', artist: 'Oscillator' })],
    [
      'video',
      () =>
        fx.ffmpeg('video.mp4', [
          ...['-f', 'lavfi', '-i', 'testsrc=duration=2:size=64x48', '-f', 'lavfi', '-i', 'sine=duration=2'],
          ...['-c:v', 'libx264', '-c:a', 'aac', '-shortest'],
        ]),
    ],
  ];
  for (let i = 0; i < jobs.length; i += 2) {
    await Promise.all(jobs.slice(i, i + 2).map(async ([key, make]) => (files[key] = await make())));
  }
  const flac = await fs.readFile(files.flac!);
  files.flacHeaderOnly = await fx.write('header-only.flac', flac.subarray(0, 2048));
  files.flacHalf = await fx.write('half.flac', flac.subarray(0, flac.length >> 1));
  const mp3 = await fs.readFile(files.mp3!);
  files.mp3Half = await fx.write('half.mp3', mp3.subarray(0, mp3.length >> 1));
  files.textAsMp3 = await fx.write('notes.mp3', 'These are my lyrics, not a song.\n');
  files.empty = await fx.write('empty.mp3', '');
}, 60_000);

afterAll(async () => {
  await fx?.remove();
});

describe('resolveMediaTools', () => {
  async function binDir(name: string, tools: string[]): Promise<string> {
    const dir = fx.path(name);
    await fs.mkdir(dir, { recursive: true });
    for (const tool of tools) await fs.writeFile(path.join(dir, tool), '#!/bin/sh\n', { mode: 0o755 });
    return dir;
  }

  it('prefers explicit paths, then a PATH folder holding both, then the installer packages', async () => {
    const both = await binDir('bin', ['ffmpeg', 'ffprobe']);
    const ffmpegOnly = await binDir('bin-ffmpeg-only', ['ffmpeg']);
    const installed = resolveMediaTools({ PATH: '' });

    expect(resolveMediaTools({ PATH: both })).toEqual({
      ffmpeg: path.join(both, 'ffmpeg'),
      ffprobe: path.join(both, 'ffprobe'),
    });
    // Never one tool from here and the other from there: the folder with both wins, else the bundled pair.
    expect(resolveMediaTools({ PATH: [ffmpegOnly, both].join(path.delimiter) })).toEqual({
      ffmpeg: path.join(both, 'ffmpeg'),
      ffprobe: path.join(both, 'ffprobe'),
    });
    expect(resolveMediaTools({ PATH: ffmpegOnly })).toEqual(installed);
    expect(
      resolveMediaTools({ PATH: both, ...{ FFMPEG_PATH: installed.ffmpeg, FFPROBE_PATH: installed.ffprobe } }),
    ).toEqual(installed);
    expect(installed).toEqual(bundledMediaTools());
    expect(installed.ffmpeg).toMatch(/@ffmpeg-installer/);
    expect(installed.ffprobe).toMatch(/@ffprobe-installer/);
  });

  it('takes the ffprobe beside an FFMPEG_PATH given alone, and the other way round', async () => {
    const both = await binDir('bin', ['ffmpeg', 'ffprobe']);
    const pair = { ffmpeg: path.join(both, 'ffmpeg'), ffprobe: path.join(both, 'ffprobe') };
    expect(resolveMediaTools({ PATH: '', FFMPEG_PATH: pair.ffmpeg })).toEqual(pair);
    expect(resolveMediaTools({ PATH: '', FFPROBE_PATH: pair.ffprobe })).toEqual(pair);
  });

  it('refuses an override that points at nothing, or has no sibling, instead of falling back', async () => {
    const ffmpegOnly = await binDir('bin-ffmpeg-only', ['ffmpeg']);
    expect(() => resolveMediaTools({ FFPROBE_PATH: '/nonexistent/ffprobe' })).toThrow(MediaToolMissing);
    expect(() => resolveMediaTools({ FFMPEG_PATH: path.join(ffmpegOnly, 'ffmpeg') })).toThrow(
      /ffprobe not found: .* set FFPROBE_PATH to the ffprobe of the same build/,
    );
  });
});

describe('runTool', () => {
  it('rejects with the tool, exit code and stderr tail', async () => {
    const err = await runTool(tools.ffmpeg, ['-v', 'error', '-i', fx.path('missing.wav')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaToolError);
    expect(err).toMatchObject({ tool: 'ffmpeg', exitCode: 1, stderrTail: expect.stringMatching(/No such file/) });
  });

  it('reports a binary that cannot start without an exit code', async () => {
    const err = await runTool(fx.path('no-such-binary'), []).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'MediaToolError', exitCode: null });
  });

  it('does not start when the signal is already aborted', async () => {
    await expect(runTool(tools.ffmpeg, ['-version'], { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('probeAudio', () => {
  it.each([
    ['wav', 'wav', 'pcm_s16le', 44100],
    ['mp3', 'mp3', 'mp3', 44100],
    ['flac', 'flac', 'flac', 44100],
    ['opus', 'ogg', 'opus', 48000],
    ['vorbis', 'ogg', 'vorbis', 44100],
    ['m4a', 'mov,mp4,m4a,3gp,3g2,mj2', 'aac', 44100],
    ['aiff', 'aiff', 'pcm_s16be', 44100],
  ])('reads a 14 s tone in %s', async (key, formatName, codec, sampleRate) => {
    const probe = await probeAudio(tools, files[key]!);
    expect(probe).toMatchObject({ formatName, codec, sampleRate, channels: 1 });
    expect(probe.durationSec).toBeGreaterThan(13.9);
    expect(probe.durationSec).toBeLessThan(14.1);
  });

  it('states the bitrate when the file has one', async () => {
    expect((await probeAudio(tools, files.wav!)).bitRate).toBe(705600);
    expect((await probeAudio(tools, files.mp3!)).bitRate).toBe(96000);
  });

  it('accepts an mp3 with embedded cover art', async () => {
    expect(await probeAudio(tools, files.withCover!)).toMatchObject({ formatName: 'mp3', codec: 'mp3' });
  });

  it.each([
    ['empty', 'empty', 'The file is empty'],
    // ffprobe reads the .mp3 name as a hint, finds no frame sync and gives up.
    [
      'textAsMp3',
      'unreadable',
      'This file is not audio Veza can read. Upload mp3, flac, wav, aiff, aac/m4a or ogg/opus.',
    ],
    // 2 KB of FLAC is the header and seek table without a single frame.
    [
      'flacHeaderOnly',
      'unreadable',
      'This file is not audio Veza can read. Upload mp3, flac, wav, aiff, aac/m4a or ogg/opus.',
    ],
    ['video', 'video', 'This file contains video: upload mp3, flac, wav, aiff, aac/m4a or ogg/opus'],
    [
      'webm',
      'unsupported',
      "This file's format (matroska,webm) is not supported: upload mp3, flac, wav, aiff, aac/m4a or ogg/opus",
    ],
  ])('refuses %s with a message for the artist', async (key, reason, message) => {
    const err = await probeAudio(tools, files[key]!).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAudio);
    expect(err).toMatchObject({ reason, message });
  });
});

describe('probeAudio on uploads that name other files', () => {
  // Each names a FIFO standing in for another user's original: any open of it is seen.
  it.each([
    [
      'an HLS playlist naming an absolute path',
      'list.m3u8',
      (f: string) => `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${f}\n#EXT-X-ENDLIST\n`,
    ],
    [
      'an HLS playlist naming a file: URL',
      'url.m3u8',
      (f: string) => `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:${f}\n#EXT-X-ENDLIST\n`,
    ],
    // The concat demuxer's safe mode refuses absolute paths, but a name beside the script is fair game.
    [
      'an ffconcat script naming a file beside it',
      'list.ffconcat',
      (f: string) => `ffconcat version 1.0\nfile ${path.basename(f)}\n`,
    ],
    [
      'an ffconcat script saved as .mp3',
      'concat.mp3',
      (f: string) => `ffconcat version 1.0\nfile ${path.basename(f)}\n`,
    ],
  ])('refuses %s without opening it', async (_, name, body) => {
    const target = fx.path(`other-original-${name}.mp3`);
    const tripwire = fifoTripwire(target);
    let err: unknown;
    try {
      err = await probeAudio(tools, await fx.write(name, body(target))).catch((e: unknown) => e);
    } finally {
      expect(await tripwire.disarm(), 'the referenced file was opened').toBe(false);
    }
    expect(err).toBeInstanceOf(NotAudio);
    expect(err).toMatchObject({
      reason: 'unsupported',
      message: expect.stringMatching(/playlist or a list of other files/),
    });
  });

  it('has every ffmpeg read an upload with the probed demuxer, never guessing one that opens other files', async () => {
    const target = fx.path('other-original-decoded.mp3');
    const tripwire = fifoTripwire(target);
    const playlist = await fx.write(
      'decoded.m3u8',
      `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${target}\n#EXT-X-ENDLIST\n`,
    );
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled([
        verifyDecodes(tools, playlist, { expectedDurationSec: 2, demuxer: 'mp3' }),
        waveformPeaks(tools, playlist, { durationSec: 2, demuxer: 'mp3', points: 10 }),
      ]);
    } finally {
      expect(await tripwire.disarm(), 'the referenced file was opened').toBe(false);
    }
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('names the demuxer every later ffmpeg is given, one name for the mp4 family', async () => {
    expect((await probeAudio(tools, files.m4a!)).demuxer).toBe('mov');
    expect((await probeAudio(tools, files.opus!)).demuxer).toBe('ogg');
  });
});

describe('verifyDecodes', () => {
  it('returns the decoded length of an intact file', async () => {
    const check = await verifyDecodes(tools, files.flac!, { expectedDurationSec: 14, demuxer: 'flac' });
    expect(check.decodedDurationSec).toBeCloseTo(14, 1);
    expect(check.decodeErrors).toBe(0);
  });

  // FLAC's STREAMINFO states the full 14 s and an MP3's length is estimated from its bitrate,
  // so the probe cannot tell; ffmpeg decodes about half, logs an error (FLAC) and exits 0.
  it.each(['flacHalf', 'mp3Half'])('catches a cut file that still probes at full length (%s)', async (key) => {
    const probe = await probeAudio(tools, files[key]!);
    expect(probe.durationSec).toBeGreaterThan(13.9);
    const err = await verifyDecodes(tools, files[key]!, {
      expectedDurationSec: probe.durationSec,
      demuxer: probe.demuxer,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotAudio);
    expect(err).toMatchObject({
      reason: 'damaged',
      message: expect.stringMatching(/cut short: only 0:0\d of its 0:14/),
    });
  });
});

describe('verifyDecodes on a file whose end is lost', () => {
  it('counts the errors ffmpeg logged, and not its other lines, when what decoded is all that was expected', async () => {
    const check = await verifyDecodes(tools, files.flacHalf!, { expectedDurationSec: 5, demuxer: 'flac' });
    expect(check.decodedDurationSec).toBeGreaterThan(5);
    expect(check.decodedDurationSec).toBeLessThan(10);
    expect(check.decodeErrors).toBeGreaterThanOrEqual(1);
    expect(check.decodeErrors).toBeLessThan(5);
    expect(check.loudness.integratedLufs).toBeLessThan(0);
  });
});

describe('loudness, measured by the decode check', () => {
  it('measures a tone, a near full-scale tone and silence', async () => {
    const loudnessOf = async (file: string) => {
      const probe = await probeAudio(tools, file);
      return (await verifyDecodes(tools, file, { expectedDurationSec: probe.durationSec, demuxer: probe.demuxer }))
        .loudness;
    };
    const [tone, loud, silence] = await Promise.all([
      loudnessOf(files.wav!),
      loudnessOf(files.loud!),
      loudnessOf(files.silence!),
    ]);
    // A -18 dBFS-peak sine is -21 dBFS RMS; K-weighting takes ~0.8 dB off at 440 Hz.
    expect(tone.integratedLufs).toBeGreaterThan(-23);
    expect(tone.integratedLufs).toBeLessThan(-20.5);
    expect(tone.peakDbfs).toBeCloseTo(-18, 0);
    expect(loud.integratedLufs).toBeGreaterThan(-5);
    expect(loud.integratedLufs).toBeGreaterThan(tone.integratedLufs);
    expect(silence).toEqual({ integratedLufs: -70, peakDbfs: null, loudnessRange: 0 });
  });
});

describe('waveformPeaks', () => {
  it('gives `points` peaks of the tone, and zeros for silence', async () => {
    const [tone, silence] = await Promise.all([
      waveformPeaks(tools, files.wav!, { durationSec: 14, demuxer: 'wav', points: 1800 }),
      waveformPeaks(tools, files.silence!, { durationSec: 3, demuxer: 'wav', points: 300 }),
    ]);
    expect(tone).toHaveLength(1800);
    // Resampling to 8 kHz rings for a few ms at the very start; the body sits at 1/8 of full scale.
    for (const peak of tone.slice(1)) expect(peak).toBeCloseTo(0.125, 2);
    expect(silence).toEqual(new Array(300).fill(0));
  });

  it('fills every point of a clip shorter than the number of points', async () => {
    // 0.05 s at 8 kHz is 400 samples for 1800 points: each sample spans 4.5 points. Zeros
    // remain only where the sine itself crosses zero on a sample, never as gaps between samples.
    const peaks = await waveformPeaks(tools, files.short!, { durationSec: 0.05, demuxer: 'wav', points: 1800 });
    expect(peaks).toHaveLength(1800);
    expect(longestRunOfZeros(peaks)).toBeLessThanOrEqual(5);
    expect(Math.max(...peaks)).toBeCloseTo(0.125, 2);
  });

  it('puts audio beyond the announced length into the last point', async () => {
    const peaks = await waveformPeaks(tools, files.wav!, { durationSec: 7, demuxer: 'wav', points: 10 });
    expect(peaks).toHaveLength(10);
    expect(peaks.at(-1)).toBeCloseTo(0.125, 2);
  });
});

function longestRunOfZeros(values: number[]): number {
  let longest = 0;
  let run = 0;
  for (const v of values) {
    run = v === 0 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
