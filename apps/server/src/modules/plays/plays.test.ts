import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TracksRepo } from '@/modules/tracks/tracks.repo';
import { createTestApp, expectProblem } from '../../../test/app';
import { COUNTED_PLAYS_PER_LISTENER_HOUR } from './plays.service';

const { app, c, clock, given } = await createTestApp();
const repo = new TracksRepo(c.db, c.clock);
const artist = await given.user({ role: 'artist' });
const auth = (s: { accessToken: string }) => ({ authorization: `Bearer ${s.accessToken}` });

function readyTrack(opts: { durationMs: number; visibility?: 'public' | 'private' }) {
  return repo.insert({
    owner_id: artist.id,
    title: 'Played',
    file_path: `tracks/${randomUUID()}/original.wav`,
    status: 'ready',
    visibility: opts.visibility ?? 'public',
    duration_ms: opts.durationMs,
    hls_prefix: 'tracks/x/hls/v1',
  });
}

function report(
  trackId: string,
  body: { sessionId: string; listenedMs: number },
  headers = {},
  remoteAddress = '127.0.0.1',
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/tracks/${trackId}/plays`,
    headers,
    remoteAddress,
    payload: { positionMs: body.listenedMs, ...body },
  });
}

/** One whole playback, heard past the threshold: whether it counted. */
async function fullListen(trackId: string, headers = {}, remoteAddress?: string): Promise<boolean> {
  const sessionId = randomUUID();
  await report(trackId, { sessionId, listenedMs: 0 }, headers, remoteAddress);
  clock.advance(31_000);
  return (await report(trackId, { sessionId, listenedMs: 31_000 }, headers, remoteAddress)).json<{ counted: boolean }>()
    .counted;
}

describe('plays', () => {
  it('counts a playback once, after 30 s heard, and not before that much time has passed', async () => {
    const track = await readyTrack({ durationMs: 240_000 });
    const sessionId = randomUUID();
    // A report claiming 31 s the moment playback starts is capped at the wall time (plus slack).
    expect((await report(track.id, { sessionId, listenedMs: 31_000 })).json()).toEqual({ counted: false });
    clock.advance(20_000);
    expect((await report(track.id, { sessionId, listenedMs: 20_000 })).json()).toEqual({ counted: false });
    clock.advance(11_000);
    const counted = await report(track.id, { sessionId, listenedMs: 31_000 });
    expect(counted.statusCode).toBe(202);
    expect(counted.json()).toEqual({ counted: true });
    clock.advance(60_000);
    await report(track.id, { sessionId, listenedMs: 90_000 });
    expect((await repo.byId(track.id))?.play_count).toBe(1);

    // A new playback is a new play.
    const again = randomUUID();
    await report(track.id, { sessionId: again, listenedMs: 0 });
    clock.advance(31_000);
    await report(track.id, { sessionId: again, listenedMs: 31_000 });
    expect((await repo.byId(track.id))?.play_count).toBe(2);
  });

  it('counts half of a short track, records who listened, and feeds the artist stats', async () => {
    const track = await readyTrack({ durationMs: 20_000 });
    const listener = await given.user();
    const session = await given.session(listener);
    const sessionId = randomUUID();
    await report(track.id, { sessionId, listenedMs: 0 }, auth(session));
    clock.advance(10_000);
    expect((await report(track.id, { sessionId, listenedMs: 10_000 }, auth(session))).json()).toEqual({
      counted: true,
    });
    const history = await c.db.selectFrom('playback_history').selectAll().where('track_id', '=', track.id).execute();
    expect(history).toMatchObject([{ user_id: listener.id, listened_ms: 10_000 }]);

    const stats = await app.inject({
      url: '/api/v1/me/stats/plays?days=7',
      headers: auth(await given.session(artist)),
    });
    const body = stats.json<{ total: number; days: { date: string; plays: number }[] }>();
    expect(body.days).toHaveLength(7);
    expect(body.days.at(-1)?.date).toBe(clock.now().toISOString().slice(0, 10));
    expect(body.total).toBeGreaterThanOrEqual(1);
  });

  it('counts a limited number of plays per listener and hour, by account or else by address', async () => {
    // The hour is a window of the clock: start at its beginning, so the eleven playbacks (6 min) stay inside it.
    clock.set(new Date(Math.ceil(clock.now().getTime() / 3_600_000) * 3_600_000));
    const track = await readyTrack({ durationMs: 240_000 });
    const counted: boolean[] = [];
    for (let i = 0; i <= COUNTED_PLAYS_PER_LISTENER_HOUR; i++)
      counted.push(await fullListen(track.id, {}, '203.0.113.7'));
    expect(counted.filter(Boolean)).toHaveLength(COUNTED_PLAYS_PER_LISTENER_HOUR);
    expect(counted.at(-1)).toBe(false);
    // Someone else at another address, or signed in behind the same one, still counts.
    expect(await fullListen(track.id, {}, '203.0.113.8')).toBe(true);
    expect(await fullListen(track.id, auth(await given.session(await given.user())), '203.0.113.7')).toBe(true);
    expect((await repo.byId(track.id))?.play_count).toBe(COUNTED_PLAYS_PER_LISTENER_HOUR + 2);
  });

  it('refuses reports for private tracks of others and malformed reports', async () => {
    const track = await readyTrack({ durationMs: 60_000, visibility: 'private' });
    expectProblem(await report(track.id, { sessionId: randomUUID(), listenedMs: 1 }), 404, 'TRACK_NOT_FOUND');
    expectProblem(await report(track.id, { sessionId: 'not-a-uuid', listenedMs: 1 }), 400);
    const negative = await app.inject({
      method: 'POST',
      url: `/api/v1/tracks/${track.id}/plays`,
      payload: { sessionId: randomUUID(), positionMs: -1, listenedMs: -5 },
    });
    expectProblem(negative, 400);
  });
});
