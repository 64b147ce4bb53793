import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, promises as fs, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { deferCleanup } from './cleanup';
import { pinnedCommand } from './pinning';
import { reapedChildrenCpuMs } from './proc';
import { startVeza, type VezaOptions, type VezaServer } from './veza-server';

/** Media for the media benchmarks, and ffmpeg run the way Veza runs it. */

/**
 * The ffmpeg and ffprobe Veza would pick with neither FFMPEG_PATH nor
 * FFPROBE_PATH (platform/media/ffmpeg-binaries.ts): the first PATH folder
 * holding both, else the npm installers' static builds. The benchmarks hand
 * both to Veza, so both sides run the very same binaries.
 */
export function mediaToolPair(): { ffmpeg: string; ffprobe: string } {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const pair = { ffmpeg: path.join(dir, 'ffmpeg'), ffprobe: path.join(dir, 'ffprobe') };
    if (isExecutableFile(pair.ffmpeg) && isExecutableFile(pair.ffprobe)) return pair;
  }
  const require = createRequire(import.meta.url);
  return {
    ffmpeg: (require('@ffmpeg-installer/ffmpeg') as { path: string }).path,
    ffprobe: (require('@ffprobe-installer/ffprobe') as { path: string }).path,
  };
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function ffmpegVersion(ffmpeg: string): string {
  const out = spawnSync(ffmpeg, ['-version'], { encoding: 'utf8' }).stdout ?? '';
  return /^ffmpeg version (\S+)/.exec(out)?.[1] ?? 'unknown';
}

/**
 * Music-like stereo 44.1 kHz FLAC: pink noise (a different seed per
 * channel) under a slowly moving chord with tremolo and vibrato. Pure sines
 * would make the AAC encoder unrealistically cheap; noise alone has no
 * tonal content. Deterministic, so every run encodes the same audio.
 */
export async function musicFlac(ffmpeg: string, file: string, seconds: number): Promise<void> {
  const d = `d=${seconds}`;
  const graph = [
    `anoisesrc=${d}:c=pink:r=44100:a=0.25:seed=1[nl]`,
    `anoisesrc=${d}:c=pink:r=44100:a=0.25:seed=2[nr]`,
    `sine=f=110:${d}:r=44100,tremolo=f=1.5:d=0.7[t1]`,
    `sine=f=220:${d}:r=44100,tremolo=f=2:d=0.5[t2]`,
    `sine=f=277.18:${d}:r=44100,vibrato=f=5:d=0.3[t3]`,
    `sine=f=329.63:${d}:r=44100,tremolo=f=3:d=0.8[t4]`,
    '[t1][t2][t3][t4]amix=inputs=4,asplit[ta][tb]',
    '[nl][ta]amix=inputs=2[l]',
    '[nr][tb]amix=inputs=2[r]',
    '[l][r]amerge=inputs=2,volume=2',
  ].join(';');
  await runFfmpeg(ffmpeg, [
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-filter_complex',
    graph,
    '-c:a',
    'flac',
    '-sample_fmt',
    's16',
    '-ar',
    '44100',
    `file:${file}`,
  ]);
}

/**
 * A valid 16-bit stereo 44.1 kHz WAV of exactly `bytes` bytes (header
 * included) holding white noise: real audio to Veza's sniff, written in
 * 4 MiB blocks (the same random block over and over: the content does not
 * matter to an upload, its size does).
 */
export async function noiseWav(file: string, bytes: number): Promise<void> {
  const dataBytes = bytes - 44;
  if (dataBytes <= 0 || dataBytes % 4 !== 0 || bytes > 0xffffffff) throw new RangeError(`bad WAV size ${bytes}`);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(2, 22); // channels
  header.writeUInt32LE(44_100, 24);
  header.writeUInt32LE(44_100 * 4, 28); // byte rate
  header.writeUInt16LE(4, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);

  const block = Buffer.alloc(4 * 1024 * 1024);
  let seed = 0x9e3779b9;
  for (let i = 0; i < block.length; i += 4) {
    // xorshift32: cheap deterministic noise at a moderate level
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    block.writeInt16LE((seed >> 16) % 8192, i);
    block.writeInt16LE(((seed << 16) >> 16) % 8192, i + 2);
  }
  const handle = await fs.open(file, 'w');
  try {
    await handle.write(header);
    for (let written = 0; written < dataBytes; written += block.length) {
      await handle.write(block, 0, Math.min(block.length, dataBytes - written));
    }
  } finally {
    await handle.close();
  }
}

/** Veza's renditions and segmenting (platform/media/hls.ts DEFAULT_RENDITIONS, 6 s segments). */
export const RENDITIONS = [
  { name: '64k', bitrateKbps: 64 },
  { name: '128k', bitrateKbps: 128 },
  { name: '256k', bitrateKbps: 256 },
] as const;

/**
 * The arguments platform/media/hls.ts gives ffmpeg, minus `-progress pipe:1
 * -nostats` (Veza reads progress from them; a plain CLI run has no use for
 * them): one process, one `-f hls` output per rendition, AAC-LC stereo
 * 44.1 kHz, 6 s MPEG-TS segments, VOD playlists.
 */
export function hlsArgs(input: string, outDir: string): string[] {
  const outputs = RENDITIONS.flatMap((r) => {
    const dir = path.join(outDir, r.name);
    return [
      ['-map', '0:a:0', '-vn', '-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', `${r.bitrateKbps}k`],
      ['-ac', '2', '-ar', '44100', '-f', 'hls', '-hls_time', '6', '-hls_playlist_type', 'vod'],
      ['-hls_flags', 'independent_segments', '-hls_segment_filename', `file:${path.join(dir, 'seg_%05d.ts')}`],
      [`file:${path.join(dir, 'index.m3u8')}`],
    ].flat();
  });
  // The input is the benchmark's FLAC, read as Veza reads a probed upload.
  const inputArgs = ['-protocol_whitelist', 'file,pipe', '-f', 'flac', '-i', `file:${input}`];
  return ['-nostdin', '-hide_banner', '-v', 'error', '-y', ...inputArgs, ...outputs];
}

/** The segment count and bytes of each rendition folder under `dir`: proof both sides made the same output. */
export async function renditionSizes(dir: string): Promise<Record<string, { segments: number; bytes: number }>> {
  const sizes: Record<string, { segments: number; bytes: number }> = {};
  for (const r of RENDITIONS) {
    const files = (await fs.readdir(path.join(dir, r.name))).filter((f) => f.endsWith('.ts'));
    let bytes = 0;
    for (const f of files) bytes += (await fs.stat(path.join(dir, r.name, f))).size;
    sizes[r.name] = { segments: files.length, bytes };
  }
  return sizes;
}

export interface TimedRun {
  wallMs: number;
  /** User + system CPU time of the process. */
  cpuMs: number;
}

/**
 * ffmpeg as a child of this process, pinned to `cpus` when given; wall
 * from spawn to exit, CPU from this process's reaped-children counters.
 */
export function runFfmpeg(ffmpeg: string, args: string[], cpus?: string): Promise<TimedRun> {
  const { command, args: argv } = cpus === undefined ? { command: ffmpeg, args } : pinnedCommand(cpus, ffmpeg, args);
  return new Promise((resolve, reject) => {
    const cpuBefore = reapedChildrenCpuMs(process.pid);
    const started = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    const done = deferCleanup(() => void child.kill('SIGKILL'));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      done();
      if (code !== 0) return reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim().slice(-800)}`));
      resolve({ wallMs, cpuMs: reapedChildrenCpuMs(process.pid) - cpuBefore });
    });
  });
}

/**
 * Runs `fn` with the music FLAC (`seconds` long) in a temp dir of its own and
 * Veza started with the same ffmpeg; stops Veza and removes the dir after,
 * also on Ctrl-C. The X benchmarks' common setup.
 */
export async function withMusicAndVeza<T>(
  benchId: string,
  seconds: number,
  opts: VezaOptions,
  fn: (ctx: { veza: VezaServer; ffmpeg: string; input: string; work: string }) => Promise<T>,
): Promise<T> {
  const { ffmpeg, ffprobe } = mediaToolPair();
  const work = await fs.mkdtemp(path.join(os.tmpdir(), `veza-bench-${benchId.toLowerCase()}-`));
  const workRemoved = deferCleanup(() => fs.rm(work, { recursive: true, force: true }));
  const input = path.join(work, `music-${seconds / 60}min.flac`);
  try {
    await musicFlac(ffmpeg, input, seconds);
    const veza = await startVeza(benchId, {
      ...opts,
      env: { ...opts.env, FFMPEG_PATH: ffmpeg, FFPROBE_PATH: ffprobe },
    });
    try {
      return await fn({ veza, ffmpeg, input, work });
    } finally {
      await veza.stop();
    }
  } finally {
    workRemoved();
    await fs.rm(work, { recursive: true, force: true });
  }
}
