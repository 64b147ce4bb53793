import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Container } from '@/container';
import { fileArg } from '@/platform/media/ffmpeg-args';
import { runTool } from '@/platform/media/run-tool';
import type { UploadPart } from '@/modules/tracks/tracks.service';

interface DemoTrack {
  file: string;
  title: string;
  genre: string;
  tags: string;
  description: string;
  /** ffmpeg lavfi audio graph, then encoder arguments: the demo covers several input formats. */
  audio: string;
  codec: string[];
  /** The cover: a fractal frame from ffmpeg's lavfi, or a gradient of two colours. */
  cover: { lavfi: string } | { gradient: [string, string] };
}

const TRACKS: DemoTrack[] = [
  {
    file: 'morning-chord.flac',
    title: 'Morning Chord',
    genre: 'Ambient',
    tags: 'drone,chord',
    description: 'A C major triad that swells and fades. Generated with ffmpeg for the demo.',
    audio:
      'sine=f=261.63:d=40,volume=0.5[a];sine=f=329.63:d=40,volume=0.4[b];sine=f=392:d=40,volume=0.35[c];' +
      '[a][b][c]amix=inputs=3,afade=t=in:d=4,afade=t=out:st=34:d=6,tremolo=f=0.3:d=0.4,volume=8',
    codec: ['-c:a', 'flac'],
    cover: { lavfi: 'mandelbrot=s=600x600' },
  },
  {
    file: 'pink-drift.mp3',
    title: 'Pink Drift',
    genre: 'Noise',
    tags: 'noise,texture',
    description: 'Filtered pink noise, like distant surf.',
    audio:
      'anoisesrc=c=pink:d=35:a=0.3,lowpass=f=1800,tremolo=f=0.15:d=0.7,volume=4,afade=t=in:d=3,afade=t=out:st=30:d=5',
    codec: ['-c:a', 'libmp3lame', '-b:a', '192k'],
    cover: { gradient: ['#ff7e5f', '#2c3e50'] },
  },
  {
    file: 'fifths.wav',
    title: 'Fifths',
    genre: 'Minimal',
    tags: 'sine,intervals',
    description: 'Two voices a fifth apart, panned left and right.',
    audio:
      'sine=f=220:d=30[l];sine=f=330:d=30[r];[l][r]amerge=inputs=2,volume=1.2,afade=t=in:d=2,afade=t=out:st=26:d=4',
    codec: ['-c:a', 'pcm_s16le'],
    cover: { gradient: ['#43cea2', '#185a9d'] },
  },
  {
    file: 'low-hum.ogg',
    title: 'Low Hum',
    genre: 'Ambient',
    tags: 'bass,drone',
    description: 'A low hum with a slow vibrato.',
    audio: 'sine=f=110:d=30,vibrato=f=0.5:d=0.3,volume=1.8,afade=t=in:d=3,afade=t=out:st=25:d=5',
    codec: ['-c:a', 'libvorbis', '-q:a', '5'],
    cover: { lavfi: 'mandelbrot=s=600x600:start_scale=0.3:end_scale=0.3:inner=mincol' },
  },
];

/**
 * A few short tracks for a newcomer to press play on at once, generated
 * with ffmpeg (no media in the repository) and fed through the same upload
 * and processing path as any artist's files.
 */
export async function seedDemoTracks(c: Container, artistId: string): Promise<number> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'veza-demo-'));
  try {
    let created = 0;
    for (const track of TRACKS) {
      const audio = path.join(dir, track.file);
      const cover = path.join(dir, `${track.file}.png`);
      await runTool(c.media.ffmpeg, [
        '-nostdin',
        '-v',
        'error',
        '-y',
        '-filter_complex',
        track.audio,
        ...track.codec,
        fileArg(audio),
      ]);
      await renderCover(c, track.cover, cover);
      await c.services.tracks.upload(artistId, parts(track, audio, cover));
      created += 1;
    }
    return created;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function renderCover(c: Container, cover: DemoTrack['cover'], out: string): Promise<void> {
  if ('lavfi' in cover) {
    await runTool(c.media.ffmpeg, [
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      cover.lavfi,
      '-frames:v',
      '1',
      fileArg(out),
    ]);
    return;
  }
  const [from, to] = cover.gradient;
  const rings = [260, 200, 140, 80]
    .map(
      (r, i) =>
        `<circle cx="420" cy="180" r="${r}" fill="none" stroke="#fff" stroke-opacity="${0.08 + i * 0.06}" stroke-width="18"/>`,
    )
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="600" height="600" fill="url(#g)"/>${rings}</svg>`;
  await sharp(Buffer.from(svg)).png().toFile(out);
}

async function* parts(track: DemoTrack, audio: string, cover: string): AsyncGenerator<UploadPart> {
  yield { kind: 'field', name: 'title', value: track.title };
  yield { kind: 'field', name: 'genre', value: track.genre };
  yield { kind: 'field', name: 'tags', value: track.tags };
  yield { kind: 'field', name: 'description', value: track.description };
  yield { kind: 'file', name: 'cover', filename: path.basename(cover), stream: createReadStream(cover) };
  yield { kind: 'file', name: 'file', filename: track.file, stream: createReadStream(audio) };
}
