import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMediaTools } from './ffmpeg-binaries';
import { transcodeToHls } from './hls';
import { fifoTripwire, MediaFixtures } from './media.fixtures';
import { NotAudio, probeAudio } from './probe';

/**
 * The other media tests run on the system's ffmpeg (`.ci/run` installs it).
 * This one keeps the last-resort pair of the npm installer packages working
 * with the arguments Veza now gives every call (protocol and format
 * whitelists, a forced demuxer): a machine without ffmpeg runs on them.
 */
let fx: MediaFixtures;

beforeAll(async () => {
  fx = await MediaFixtures.create(bundledMediaTools());
});

afterAll(async () => {
  await fx?.remove();
});

describe('the bundled ffmpeg and ffprobe', () => {
  it('probe an upload and transcode it to HLS', async () => {
    const input = await fx.tone('bundled.mp3', { seconds: 3 }, ['-c:a', 'libmp3lame', '-b:a', '96k']);
    const probe = await probeAudio(fx.tools, input);
    expect(probe).toMatchObject({ formatName: 'mp3', demuxer: 'mp3', codec: 'mp3' });

    const result = await transcodeToHls(fx.tools, {
      input,
      demuxer: probe.demuxer,
      outDir: fx.path('hls'),
      durationSec: probe.durationSec,
      renditions: [{ name: '64k', bitrateKbps: 64 }],
    });
    expect(result.renditions[0]?.segments).toBe(1);
    expect(await fx.decodedSeconds(result.masterPath)).toBeCloseTo(3, 0);
  });

  it('refuse a playlist without opening what it names', async () => {
    const target = fx.path('other-original.mp3');
    const tripwire = fifoTripwire(target);
    let err: unknown;
    try {
      const playlist = await fx.write('list.m3u8', `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${target}\n`);
      err = await probeAudio(fx.tools, playlist).catch((e: unknown) => e);
    } finally {
      expect(await tripwire.disarm(), 'the referenced file was opened').toBe(false);
    }
    expect(err).toBeInstanceOf(NotAudio);
  });
});
