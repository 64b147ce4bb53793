import { describe, expect, it } from 'vitest';
import { signStreamToken, streamTokenKey, verifyStreamToken, type StreamClaims } from './stream-token';
import { StreamTokenRejected } from './streaming.errors';

const key = streamTokenKey('a session secret of the test suite, long enough');
const TRACK = '0b9d3c1e-2f4a-4c8e-9a51-3d2f6b7c8e90';
const OTHER_TRACK = '7f3e8a10-1111-4222-8333-944455556666';
const VIEWER = 'c5a1b2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d';
const now = new Date('2026-03-01T12:00:00Z');
const exp = now.getTime() / 1000 + 3600;
const claims: StreamClaims = { trackId: TRACK, viewer: VIEWER, version: 'v1-abc', exp, publicTrack: false };

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StreamTokenRejected);
    const rejected = err as StreamTokenRejected;
    expect(rejected.status).toBe(403);
    return rejected.code;
  }
  throw new Error('the token was accepted');
}

describe('stream tokens', () => {
  it('round-trips the claims, for a signed-in viewer and an anonymous one', () => {
    const token = signStreamToken(key, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyStreamToken(key, token, TRACK, now)).toEqual(claims);

    const anonymous = { ...claims, viewer: null };
    expect(verifyStreamToken(key, signStreamToken(key, anonymous), TRACK, now)).toEqual(anonymous);
  });

  it('says whether the track was public, and reads a token without the flag as not public', () => {
    for (const viewer of [VIEWER, null]) {
      const publicTrack = { ...claims, viewer, publicTrack: true };
      expect(verifyStreamToken(key, signStreamToken(key, publicTrack), TRACK, now)).toEqual(publicTrack);
    }
    const unflagged: Omit<StreamClaims, 'publicTrack'> = { trackId: TRACK, viewer: VIEWER, version: 'v1-abc', exp };
    expect(verifyStreamToken(key, signStreamToken(key, unflagged), TRACK, now).publicTrack).toBe(false);
  });

  it('derives the same key from the same secret, and another from another', () => {
    const token = signStreamToken(key, claims);
    expect(
      verifyStreamToken(streamTokenKey('a session secret of the test suite, long enough'), token, TRACK, now),
    ).toEqual(claims);
    expect(rejection(() => verifyStreamToken(streamTokenKey('another secret entirely'), token, TRACK, now))).toBe(
      'STREAM_TOKEN_INVALID',
    );
  });

  it('refuses a token for another track', () => {
    const token = signStreamToken(key, claims);
    expect(rejection(() => verifyStreamToken(key, token, OTHER_TRACK, now))).toBe('STREAM_TOKEN_INVALID');
  });

  it('refuses a token past its expiry, and only then', () => {
    const token = signStreamToken(key, claims);
    expect(verifyStreamToken(key, token, TRACK, new Date(exp * 1000 - 1))).toEqual(claims);
    expect(rejection(() => verifyStreamToken(key, token, TRACK, new Date(exp * 1000)))).toBe('STREAM_TOKEN_EXPIRED');
  });

  it('refuses forged payloads and signatures', () => {
    const token = signStreamToken(key, claims);
    const [payload, mac] = token.split('.') as [string, string];
    // A later expiry or another version under the original MAC.
    const longer = Buffer.from(`v1-abc.${exp + 86400}.${VIEWER}`).toString('base64url');
    const otherVersion = Buffer.from(`v2.${exp}.${VIEWER}`).toString('base64url');
    const flipped = mac.slice(0, 10) + (mac[10] === 'A' ? 'B' : 'A') + mac.slice(11);
    for (const forged of [`${longer}.${mac}`, `${otherVersion}.${mac}`, `${payload}.${flipped}`]) {
      expect(rejection(() => verifyStreamToken(key, forged, TRACK, now))).toBe('STREAM_TOKEN_INVALID');
    }
  });

  it('refuses truncated, malformed and missing tokens with a 403, never anything else', () => {
    const token = signStreamToken(key, claims);
    const garbage = [
      undefined,
      '',
      '.',
      token.slice(0, -1),
      token.slice(0, token.indexOf('.')),
      token.slice(0, token.indexOf('.') + 1),
      token.slice(token.indexOf('.')),
      `${token}.`,
      `${token}.x`,
      token.replace('.', '..'),
      `${token}=`,
      `${token}\u0000`,
      `é${token}`,
      '%%%.%%%',
      'not-base64!.also not',
      'x'.repeat(10_000),
      `${'A'.repeat(200)}.${'A'.repeat(43)}`,
      JSON.stringify({ trackId: TRACK }),
    ];
    for (const bad of garbage) {
      expect(
        rejection(() => verifyStreamToken(key, bad, TRACK, now)),
        String(bad).slice(0, 40),
      ).toBe('STREAM_TOKEN_INVALID');
    }
  });

  it('refuses to sign claims it could not read back', () => {
    expect(() => signStreamToken(key, { ...claims, version: '../x' })).toThrow();
    expect(() => signStreamToken(key, { ...claims, version: 'a'.repeat(41) })).toThrow();
    expect(() => signStreamToken(key, { ...claims, viewer: 'not.a.uuid' })).toThrow();
    expect(() => signStreamToken(key, { ...claims, exp: 1.5 })).toThrow();
  });

  it('verifies fast enough to sit in front of every segment', () => {
    const token = signStreamToken(key, claims);
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) verifyStreamToken(key, token, TRACK, now);
    // About 2 µs each on a laptop; the bound only catches an accidental order-of-magnitude regression.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
