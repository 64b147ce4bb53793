import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TracksRepo } from '@/modules/tracks/tracks.repo';
import { resolveMediaTools } from '@/platform/media/ffmpeg-binaries';
import { createTestApp } from '../../../test/app';

/**
 * The whole path through real sockets: ffmpeg's HLS client fetches the
 * master playlist, follows the rewritten rendition URI, then every
 * rewritten segment URI, and decodes the audio. If a URI lost its token
 * on the way, the next request would be a 403 and ffmpeg would fail.
 */
const run = promisify(execFile);
// The ffmpeg the server itself runs: the system's where there is one.
const { ffmpeg } = resolveMediaTools(process.env);

const { app, c, given } = await createTestApp();
const MASTER = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=140000,CODECS="mp4a.40.2"\n128k/index.m3u8\n';

let workDir: string;
let origin: string;
let trackId: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'veza-hls-'));
  const out = path.join(workDir, '128k');
  // Made here: older ffmpeg builds do not create the segments' folder.
  await mkdir(out);
  await run(ffmpeg, [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=8', '-c:a', 'aac', '-b:a', '128k'],
    ...['-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod'],
    ...['-hls_segment_filename', path.join(out, 'seg_%05d.ts'), path.join(out, 'index.m3u8')],
  ]);
  await writeFile(path.join(workDir, 'master.m3u8'), MASTER);

  const artist = await given.user({ role: 'artist' });
  trackId = randomUUID();
  const prefix = `tracks/${trackId}/hls/v1`;
  await new TracksRepo(c.db, c.clock).insert({
    id: trackId,
    owner_id: artist.id,
    title: 'A4 for eight seconds',
    file_path: 'originals/x.wav',
    status: 'ready',
    visibility: 'public',
    hls_prefix: prefix,
    duration_ms: 8000,
  });
  await c.storage.put(`${prefix}/master.m3u8`, await readFile(path.join(workDir, 'master.m3u8')));
  for (const name of await readdir(out)) {
    await c.storage.put(`${prefix}/128k/${name}`, await readFile(path.join(out, name)));
  }

  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Decodes a stream to nowhere; returns the exit code and the decoded duration in seconds. */
async function decode(url: string): Promise<{ ok: boolean; seconds: number; stderr: string }> {
  const result = await run(ffmpeg, ['-v', 'error', '-i', url, '-f', 'null', '-progress', 'pipe:1', '-'], {
    timeout: 30_000,
  }).then(
    ({ stdout, stderr }) => ({ ok: true, stdout, stderr }),
    (err: { stdout?: string; stderr?: string }) => ({ ok: false, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }),
  );
  // -progress writes key=value blocks; the last out_time_ms (microseconds, despite its name) is the total.
  const times = [...result.stdout.matchAll(/^out_time_ms=(\d+)$/gm)].map((m) => Number(m[1]));
  return { ok: result.ok, seconds: (times.at(-1) ?? 0) / 1e6, stderr: result.stderr };
}

describe('HLS through a real player', () => {
  it('plays the whole track from the link the API hands out', async () => {
    const res = await app.inject({ url: `/api/v1/tracks/${trackId}/stream` });
    const { url } = res.json<{ url: string }>();
    const played = await decode(origin + url);
    expect(played.stderr).toBe('');
    expect(played.ok).toBe(true);
    expect(played.seconds).toBeGreaterThan(7.5);
    expect(played.seconds).toBeLessThan(8.5);
  }, 60_000);

  it('cannot play without a valid token', async () => {
    const played = await decode(`${origin}/stream/${trackId}/master.m3u8?token=forged.token`);
    expect(played.ok).toBe(false);
    expect(played.stderr).toMatch(/403/);
  }, 60_000);
});
