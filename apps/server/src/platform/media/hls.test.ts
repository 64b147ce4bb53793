import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaTools } from './ffmpeg-binaries';
import { DEFAULT_RENDITIONS, shareOut, transcodeToHls } from './hls';
import { MediaFixtures } from './media.fixtures';

let fx: MediaFixtures;
let stereo: string;
let long: string;

beforeAll(async () => {
  fx = await MediaFixtures.create(resolveMediaTools(process.env));
  // Noise on one side and a tone on the other: a pure tone needs so few bits that the AAC
  // encoder stays far under its target, and the bandwidth figures would say nothing.
  stereo = await fx.ffmpeg('stereo.flac', [
    ...['-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.3:duration=14:sample_rate=44100'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=220:duration=14:sample_rate=44100'],
    ...['-filter_complex', '[0][1]amerge=inputs=2', '-c:a', 'flac'],
  ]);
  long = await fx.tone('long.wav', { seconds: 120 });
}, 60_000);

afterAll(async () => {
  await fx?.remove();
});

describe('transcodeToHls', () => {
  it('writes three AAC renditions and a master playlist that all decode in full', async () => {
    const outDir = fx.path('hls');
    const progress: number[] = [];
    const result = await transcodeToHls(fx.tools, {
      input: stereo,
      demuxer: 'flac',
      outDir,
      durationSec: 14,
      onProgress: (p) => progress.push(p),
    });

    expect(result.masterPath).toBe(path.join(outDir, 'master.m3u8'));
    expect(result.renditions.map((r) => [r.name, r.playlist, r.segments])).toEqual([
      ['64k', '64k/index.m3u8', 3],
      ['128k', '128k/index.m3u8', 3],
      ['256k', '256k/index.m3u8', 3],
    ]);
    const master = await fs.readFile(result.masterPath, 'utf8');
    expect(master.split('\n').slice(0, 3)).toEqual(['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS']);
    const variants = [
      ...master.matchAll(/^#EXT-X-STREAM-INF:BANDWIDTH=(\d+),AVERAGE-BANDWIDTH=(\d+),CODECS="mp4a\.40\.2"\n(.+)$/gm),
    ];
    expect(variants.map((v) => v[3])).toEqual(['64k/index.m3u8', '128k/index.m3u8', '256k/index.m3u8']);
    for (const [i, kbps] of [64, 128, 256].entries()) {
      const [, peak, average] = variants[i]!.map(Number);
      // MPEG-TS adds roughly a tenth on top of the AAC bitrate.
      expect(average! / (kbps * 1000)).toBeGreaterThan(1);
      expect(average! / (kbps * 1000)).toBeLessThan(1.2);
      expect(peak).toBeGreaterThanOrEqual(average!);
    }

    for (const r of result.renditions) {
      const playlist = path.join(outDir, r.playlist);
      expect(await fs.readFile(playlist, 'utf8')).toMatch(
        /#EXT-X-PLAYLIST-TYPE:VOD[\s\S]*seg_00000\.ts[\s\S]*#EXT-X-ENDLIST/,
      );
      expect(Math.abs((await fx.decodedSeconds(playlist)) - 14)).toBeLessThan(0.5);
    }
    // The master exposes each variant as a program of the hls demuxer.
    expect(Math.abs((await fx.decodedSeconds(result.masterPath, ['-map', '0:a:2'])) - 14)).toBeLessThan(0.5);

    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
  });

  it('writes the same bytes whether one encoder or several share the renditions', async () => {
    const bytesOf = async (outDir: string) => {
      const files: Record<string, string> = {};
      for (const r of DEFAULT_RENDITIONS) {
        for (const name of (await fs.readdir(path.join(outDir, r.name))).sort()) {
          files[`${r.name}/${name}`] = (await fs.readFile(path.join(outDir, r.name, name))).toString('base64');
        }
      }
      return { files, master: await fs.readFile(path.join(outDir, 'master.m3u8'), 'utf8') };
    };
    const runs: Awaited<ReturnType<typeof bytesOf>>[] = [];
    for (const encoders of [1, 2, 3]) {
      const outDir = fx.path(`encoders-${encoders}`);
      const progress: number[] = [];
      await transcodeToHls(fx.tools, {
        input: stereo,
        demuxer: 'flac',
        outDir,
        durationSec: 14,
        encoders,
        onProgress: (p) => progress.push(p),
      });
      expect(progress.at(-1)).toBe(100);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      runs.push(await bytesOf(outDir));
    }
    expect(Object.keys(runs[0]!.files)).toHaveLength(3 * 4); // three segments and a playlist each
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('kills every encoder on abort and rejects', async () => {
    const controller = new AbortController();
    const transcoding = transcodeToHls(fx.tools, {
      input: long,
      demuxer: 'wav',
      outDir: fx.path('aborted-split'),
      durationSec: 120,
      encoders: 3,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    await expect(transcoding).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fs.access(fx.path('aborted-split/master.m3u8'))).rejects.toThrow();
  });

  it('kills ffmpeg on abort and rejects', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const transcoding = transcodeToHls(fx.tools, {
      input: long,
      demuxer: 'wav',
      outDir: fx.path('aborted'),
      durationSec: 120,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);

    // runTool settles only once the child has exited, so a rejection means ffmpeg is gone.
    await expect(transcoding).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(fs.access(fx.path('aborted/master.m3u8'))).rejects.toThrow();
  });
});

describe('shareOut', () => {
  const names = (groups: { name: string }[][]) => groups.map((g) => g.map((r) => r.name));

  it('deals the renditions out, highest bitrate first, to the group with the fewest', () => {
    expect(names(shareOut(DEFAULT_RENDITIONS, 1))).toEqual([['256k', '128k', '64k']]);
    expect(names(shareOut(DEFAULT_RENDITIONS, 2))).toEqual([['256k', '64k'], ['128k']]);
    expect(names(shareOut(DEFAULT_RENDITIONS, 3))).toEqual([['256k'], ['128k'], ['64k']]);
  });

  it('never makes an empty group, nor fewer than one', () => {
    expect(names(shareOut(DEFAULT_RENDITIONS, 8))).toEqual([['256k'], ['128k'], ['64k']]);
    expect(names(shareOut(DEFAULT_RENDITIONS, 0))).toHaveLength(1);
  });
});
