import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TracksRepo } from '@/modules/tracks/tracks.repo';
import { createTestApp, expectProblem } from '../../../test/app';

const HOUR_MS = 3_600_000;
const { app, c, clock, given } = await createTestApp({ PLAY_SESSIONS_PER_IP_HOUR: '2', TRUST_PROXY: '10.0.0.0/8' });
// Ten minutes into an hour: the budget renews in 50 minutes.
clock.set(new Date((Math.floor(clock.now().getTime() / HOUR_MS) + 1) * HOUR_MS + 600_000));
const artist = await given.user({ role: 'artist' });
const track = await new TracksRepo(c.db, c.clock).insert({
  owner_id: artist.id,
  title: 'Played',
  file_path: `tracks/${randomUUID()}/original.wav`,
  status: 'ready',
  visibility: 'public',
  duration_ms: 240_000,
  hls_prefix: 'tracks/x/hls/v1',
});

function start(remoteAddress: string, opts: { sessionId?: string; forwardedFor?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/tracks/${track.id}/plays`,
    remoteAddress,
    headers: opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {},
    payload: { sessionId: opts.sessionId ?? randomUUID(), positionMs: 0, listenedMs: 0 },
  });
}

describe('playbacks started per address', () => {
  it('counts an IPv6 client by its /64: neighbours share the budget, another /64 does not', async () => {
    const first = randomUUID();
    expect((await start('2001:db8:1:2::a', { sessionId: first })).statusCode).toBe(202);
    expect((await start('2001:db8:1:2:ffff:ffff:ffff:1')).statusCode).toBe(202);

    const refused = await start('2001:db8:1:2::b');
    expectProblem(refused, 429, 'PLAY_SESSIONS_EXCEEDED');
    expect(refused.headers['retry-after']).toBe(String(50 * 60));
    expect((await start('2001:db8:1:3::b')).statusCode).toBe(202);
    // A playback already started keeps reporting.
    expect((await start('2001:db8:1:2::a', { sessionId: first })).statusCode).toBe(202);

    clock.advance(50 * 60_000);
    expect((await start('2001:db8:1:2::b')).statusCode).toBe(202);
  });

  it('counts IPv4 and IPv4-mapped IPv6 as the same client', async () => {
    expect((await start('198.51.100.4')).statusCode).toBe(202);
    expect((await start('::ffff:198.51.100.4')).statusCode).toBe(202);
    expectProblem(await start('198.51.100.4'), 429, 'PLAY_SESSIONS_EXCEEDED');
  });

  it('counts the client a trusted proxy names, and ignores the header from anyone else', async () => {
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      expect((await start('10.0.0.1', { forwardedFor: client })).statusCode).toBe(202);
    expect((await start('10.0.0.1', { forwardedFor: '203.0.113.1' })).statusCode).toBe(202);
    expectProblem(await start('10.0.0.1', { forwardedFor: '203.0.113.1' }), 429, 'PLAY_SESSIONS_EXCEEDED');

    // Not a proxy: its own address is counted, whatever it claims.
    expect((await start('192.0.2.9', { forwardedFor: '203.0.113.50' })).statusCode).toBe(202);
    expect((await start('192.0.2.9', { forwardedFor: '203.0.113.51' })).statusCode).toBe(202);
    expectProblem(await start('192.0.2.9', { forwardedFor: '203.0.113.52' }), 429, 'PLAY_SESSIONS_EXCEEDED');
  });
});
