import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api';
import { FakeEngine, settle } from '@/test/fake-engine';
import { aTrack } from '@/test/tracks';
import { PlayReporter, type PlayReport } from './play-reporter';
import { PlayerStore } from './player.store';

function setup(opts: { storage?: Storage; streamUrl?: (id: string) => Promise<string> } = {}) {
  const reports: { trackId: string; body: PlayReport }[] = [];
  let now = 0;
  let ids = 0;
  const reporter = new PlayReporter({
    report: async (trackId, body) => reports.push({ trackId, body }),
    now: () => now,
    newSessionId: () => `session-${++ids}`,
  });
  const streamUrl = vi.fn(opts.streamUrl ?? (async (id: string) => `/stream/${id}/master.m3u8?token=t`));
  const player = new PlayerStore({ streamUrl, reporter, storage: opts.storage });
  const engine = new FakeEngine();
  player.connect(engine);
  const tick = (ms: number) => (now += ms);
  return { player, engine, streamUrl, reports, tick };
}

const [a, b, c] = [aTrack({ title: 'A' }), aTrack({ title: 'B' }), aTrack({ title: 'C' })];

describe('PlayerStore queue', () => {
  it('plays a track from a queue, then next and previous walk it', async () => {
    const { player, engine } = setup();
    player.play(b, [a, b, c]);
    await settle();
    expect(player.getState()).toMatchObject({ index: 1, status: 'playing', current: { title: 'B' } });
    expect(engine.loads[0]!.url).toBe(`/stream/${b.id}/master.m3u8?token=t`);

    player.next();
    await settle();
    expect(player.getState().current?.title).toBe('C');
    player.next(); // at the end: stays
    await settle();
    expect(player.getState().current?.title).toBe('C');

    player.previous();
    await settle();
    expect(player.getState().current?.title).toBe('B');
  });

  it('previous restarts the track once past 3 seconds, and goes back only before that', async () => {
    const { player, engine } = setup();
    player.play(b, [a, b, c]);
    await settle();

    engine.emit({ type: 'time', positionMs: 3500 });
    player.previous();
    expect(engine.seeks).toEqual([0]);
    expect(player.getState()).toMatchObject({ positionMs: 0, current: { title: 'B' } });

    engine.emit({ type: 'time', positionMs: 2500 });
    player.previous();
    await settle();
    expect(player.getState().current?.title).toBe('A');

    // The first track has nothing before it: previous restarts it.
    engine.emit({ type: 'time', positionMs: 1000 });
    player.previous();
    expect(engine.seeks.at(-1)).toBe(0);
    expect(player.getState().current?.title).toBe('A');
  });

  it('moves to the next track when one ends, and stops after the last', async () => {
    const { player, engine } = setup();
    player.play(b, [a, b]);
    await settle();
    engine.emit({ type: 'duration', durationMs: 180_000 });
    engine.emit({ type: 'ended' });
    await settle();
    expect(player.getState().current?.title).toBe('B');
    expect(player.getState().index).toBe(1);

    player.playAt(0);
    await settle();
    engine.emit({ type: 'ended' });
    await settle();
    expect(player.getState()).toMatchObject({ index: 1, status: 'playing' });
    engine.playing = false;
    engine.emit({ type: 'ended' });
    expect(player.getState().status).toBe('paused');
  });

  it('play() without a queue jumps within the current queue, or starts a queue of one', async () => {
    const { player } = setup();
    player.play(a, [a, b, c]);
    await settle();
    player.play(c);
    await settle();
    expect(player.getState()).toMatchObject({ index: 2, queue: [a, b, c] });

    const other = aTrack({ title: 'Other' });
    player.play(other);
    await settle();
    expect(player.getState()).toMatchObject({ index: 0, queue: [other] });
  });

  it('play() with a start position loads from there', async () => {
    const { player, engine } = setup();
    player.play(a, undefined, { startMs: 90_000 });
    await settle();
    expect(engine.loads[0]!.startMs).toBe(90_000);
    expect(player.getState().positionMs).toBe(90_000);
  });

  it('toggle pauses and resumes; seek clamps to the track', async () => {
    const { player, engine } = setup();
    player.play(a);
    await settle();
    player.toggle();
    expect(player.getState().status).toBe('paused');
    player.toggle();
    expect(player.getState().status).toBe('playing');

    engine.emit({ type: 'duration', durationMs: 200_000 });
    player.seek(500_000);
    player.seek(-10);
    expect(engine.seeks).toEqual([200_000, 0]);
  });

  it('waits paused when the browser refuses to autoplay', async () => {
    const { player, engine } = setup();
    engine.refusePlay = true;
    player.play(a);
    await settle();
    expect(player.getState().status).toBe('paused');
  });

  it('renews an expired stream link once and carries on from the same position', async () => {
    const { player, engine, streamUrl } = setup();
    player.play(a);
    await settle();
    engine.emit({ type: 'time', positionMs: 61_000 });

    engine.emit({ type: 'error', kind: 'expired', message: 'manifestLoadError' });
    await settle();
    expect(streamUrl).toHaveBeenCalledTimes(2);
    expect(engine.loads.at(-1)!.startMs).toBe(61_000);
    expect(player.getState().status).toBe('playing');
  });

  it('gives up with a message after a renewed link fails too', async () => {
    const { player, engine, streamUrl } = setup();
    engine.play = async () => undefined; // never reaches "playing"
    player.play(a);
    await settle();
    engine.emit({ type: 'error', kind: 'expired', message: 'x' });
    await settle();
    engine.emit({ type: 'error', kind: 'expired', message: 'x' });
    await settle();
    expect(streamUrl).toHaveBeenCalledTimes(2);
    expect(player.getState()).toMatchObject({ status: 'error', error: expect.stringContaining('stream link') });
  });

  it('says so when the track is gone', async () => {
    const { player } = setup({
      streamUrl: async () => {
        throw new ApiError(404, null, null);
      },
    });
    player.play(a);
    await settle();
    expect(player.getState()).toMatchObject({ status: 'error', error: "This track isn't available any more." });
  });
});

describe('PlayerStore and deleted tracks', () => {
  it('drops a deleted track from the queue and keeps the current one playing', async () => {
    const { player } = setup();
    player.play(b, [a, b, c]);
    await settle();
    player.forgetTrack(a.id);
    expect(player.getState()).toMatchObject({ index: 0, status: 'playing', current: { title: 'B' } });
    expect(player.getState().queue.map((t) => t.title)).toEqual(['B', 'C']);
    player.forgetTrack('not-queued');
    expect(player.getState().queue).toHaveLength(2);
  });

  it('stops when the playing track is deleted, says why, and reports nothing for it', async () => {
    const { player, engine, reports, tick } = setup();
    player.play(b, [a, b, c]);
    await settle();
    tick(5000);
    engine.emit({ type: 'time', positionMs: 1000 });
    engine.emit({ type: 'time', positionMs: 2000 });
    const loads = engine.loads.length;

    expect(player.forgetTrack(b.id)).toBe(true);
    await settle();

    expect(player.getState()).toMatchObject({
      index: 1,
      status: 'paused',
      current: { title: 'C' },
      notice: '“B” was deleted, so playback stopped.',
    });
    expect(engine.playing).toBe(false);
    // Nothing started unasked, and the deleted track's listening was not reported (the server would answer 404).
    expect(engine.loads).toHaveLength(loads);
    expect(reports.filter((r) => r.trackId === b.id)).toEqual([]);

    // Play goes on with the track that took its place.
    player.toggle();
    await settle();
    expect(player.getState()).toMatchObject({ status: 'playing', current: { title: 'C' }, notice: null });
    expect(engine.loads.at(-1)!.url).toBe(`/stream/${c.id}/master.m3u8?token=t`);
  });

  it('closes when the deleted track was all it had', async () => {
    const { player } = setup();
    player.play(a);
    await settle();
    expect(player.forgetTrack(a.id)).toBe(true);
    expect(player.getState()).toMatchObject({ current: null, queue: [], status: 'idle' });
  });
});

describe('PlayerStore across a reload', () => {
  function memoryStorage() {
    const map = new Map<string, string>();
    return {
      map,
      storage: {
        getItem: (k: string) => map.get(k) ?? null,
        setItem: (k: string, v: string) => void map.set(k, v),
      } as Storage,
    };
  }

  it('brings back the queue and the position, paused, and plays from there', async () => {
    const { storage } = memoryStorage();
    const before = setup({ storage });
    before.player.play(b, [a, b, c]);
    await settle();
    before.engine.emit({ type: 'time', positionMs: 42_000 });
    before.player.flushReports(); // pagehide

    const after = setup({ storage });
    expect(after.player.getState()).toMatchObject({
      index: 1,
      status: 'paused',
      positionMs: 42_000,
      current: { id: b.id, title: 'B' },
    });
    expect(after.player.getState().queue.map((t) => t.title)).toEqual(['A', 'B', 'C']);
    expect(after.engine.loads).toEqual([]);

    after.player.toggle();
    await settle();
    expect(after.engine.loads).toEqual([{ url: `/stream/${b.id}/master.m3u8?token=t`, startMs: 42_000 }]);
    expect(after.player.getState().status).toBe('playing');
  });

  it('forgets the queue once the player is closed, and ignores a mangled entry', async () => {
    const { storage, map } = memoryStorage();
    const before = setup({ storage });
    before.player.play(a);
    await settle();
    before.player.close();
    expect(setup({ storage }).player.getState().current).toBeNull();

    map.set('veza:player:queue', '{"queue":[{"id":1}],"index":0}');
    expect(setup({ storage }).player.getState()).toMatchObject({ current: null, queue: [] });
  });
});

describe('PlayerStore volume', () => {
  it('applies loudness normalisation to the element volume, and remembers the settings', async () => {
    const storage = new Map<string, string>();
    const fakeStorage = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    } as Storage;
    const { player, engine } = setup({ storage: fakeStorage });
    player.setVolume(0.5);
    player.play(aTrack({ loudnessLufs: -8 })); // 6 LU too loud: × 10^(-6/20) ≈ 0.501
    await settle();
    expect(engine.volume).toBeCloseTo(0.5 * 0.501, 3);

    player.toggleNormalize();
    expect(engine.volume).toBe(0.5);
    player.toggleMute();
    expect(engine.volume).toBe(0);

    const again = setup({ storage: fakeStorage }).player.getState();
    expect(again).toMatchObject({ volume: 0.5, normalize: false, muted: true });
  });
});

describe('PlayerStore play reports', () => {
  it('reports listening every 10 s while playing and on pause, with one session per playback', async () => {
    const { player, engine, reports, tick } = setup();
    player.play(a, [a, b]);
    await settle();
    for (let ms = 250; ms <= 12_000; ms += 250) {
      tick(250);
      engine.emit({ type: 'time', positionMs: ms });
    }
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ trackId: a.id, body: { sessionId: 'session-1', listenedMs: 9750 } });

    player.pause();
    expect(reports).toHaveLength(2);
    expect(reports[1]!.body).toMatchObject({ sessionId: 'session-1', listenedMs: 11_750, positionMs: 12_000 });

    // A seek is not listening: only the steps after it count.
    player.toggle();
    player.seek(100_000);
    tick(250);
    engine.emit({ type: 'time', positionMs: 100_250 });
    tick(250);
    engine.emit({ type: 'time', positionMs: 100_500 });
    player.next();
    await settle();
    expect(reports[2]!.body).toMatchObject({ sessionId: 'session-1', listenedMs: 12_000 });
    tick(250);
    engine.emit({ type: 'time', positionMs: 250 });
    tick(250);
    engine.emit({ type: 'time', positionMs: 500 });
    player.pause();
    expect(reports[3]).toMatchObject({ trackId: b.id, body: { sessionId: 'session-2', listenedMs: 250 } });
  });
});
