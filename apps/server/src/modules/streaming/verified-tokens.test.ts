import { describe, expect, it } from 'vitest';
import { signStreamToken, streamTokenKey } from './stream-token';
import { StreamTokenRejected } from './streaming.errors';
import { VerifiedTokens } from './verified-tokens';

const key = streamTokenKey('a-session-secret-of-at-least-32-characters');
const trackId = '6f1c4f0e-8a7e-4d2b-9d3a-2b1f0c9e7a11';
const now = new Date('2026-11-27T12:00:00Z');
const exp = Math.floor(now.getTime() / 1000) + 60;
const token = signStreamToken(key, { trackId, viewer: null, version: 'v1', exp });

describe('verified stream tokens', () => {
  it('verifies once, then trusts the token until its expiry, and only for its track', () => {
    const tokens = new VerifiedTokens(key);
    expect(tokens.verify(token, trackId, now)).toMatchObject({ version: 'v1', exp });
    expect(tokens.verify(token, trackId, now)).toMatchObject({ version: 'v1' });
    expect(() => tokens.verify(token, '00000000-0000-4000-8000-000000000000', now)).toThrow(StreamTokenRejected);
    const later = new Date((exp + 1) * 1000);
    expect(() => tokens.verify(token, trackId, later)).toThrow(expect.objectContaining({ reason: 'expired' }));
  });

  it('never remembers a token that failed, and stays within its size', () => {
    const tokens = new VerifiedTokens(key, 2);
    const forged = `${token.slice(0, -2)}xx`;
    expect(() => tokens.verify(forged, trackId, now)).toThrow(StreamTokenRejected);
    expect(() => tokens.verify(forged, trackId, now)).toThrow(StreamTokenRejected);
    for (const version of ['a', 'b', 'c']) {
      tokens.verify(signStreamToken(key, { trackId, viewer: null, version, exp }), trackId, now);
    }
    expect(tokens.verify(token, trackId, now).version).toBe('v1');
  });
});
