import { describe, expect, it } from 'vitest';
import { FakeClock } from '@/platform/clock/clock';
import { AccessTokens } from './auth.tokens';

const SECRET = 'an-access-token-secret-of-at-least-32-chars';
const TTL_MS = 15 * 60_000;
const claims = { userId: '6f1c4f0e-8a7e-4d2b-9d3a-2b1f0c9e7a11', role: 'listener' as const, sessionId: 's-1' };

function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (err: unknown) => (err as { code?: string }).code,
  );
}

describe('access tokens', () => {
  it('verifies a token again from memory, with the same claims, until it expires', async () => {
    const clock = new FakeClock('2026-11-29T12:00:00Z');
    const tokens = new AccessTokens(SECRET, TTL_MS, clock);
    const token = await tokens.sign(claims);
    const first = await tokens.verify(token);
    expect(first).toMatchObject(claims);
    expect(await tokens.verify(token)).toEqual(first);
    clock.advance(TTL_MS - 1000);
    expect(await tokens.verify(token)).toEqual(first);
    clock.advance(1000);
    expect(await refusal(tokens.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('refuses a tampered or foreign token even while the genuine one is remembered', async () => {
    const clock = new FakeClock('2026-11-29T12:00:00Z');
    const tokens = new AccessTokens(SECRET, TTL_MS, clock);
    const token = await tokens.sign(claims);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    expect(await refusal(tokens.verify(`${header}.${payload}.${flipped}`))).toBe('INVALID_TOKEN');
    const foreign = await new AccessTokens(`${SECRET}-other`, TTL_MS, clock).sign(claims);
    expect(await refusal(tokens.verify(foreign))).toBe('INVALID_TOKEN');
  });

  it('keeps a bounded number of tokens and still verifies the ones it dropped', async () => {
    const clock = new FakeClock('2026-11-29T12:00:00Z');
    const tokens = new AccessTokens(SECRET, TTL_MS, clock, 2);
    const signed = [];
    for (const sessionId of ['a', 'b', 'c']) {
      signed.push(await tokens.sign({ ...claims, sessionId }));
      clock.advance(1000);
    }
    for (const token of [...signed, ...signed]) expect((await tokens.verify(token)).userId).toBe(claims.userId);
    clock.advance(TTL_MS);
    for (const token of signed) expect(await refusal(tokens.verify(token))).toBe('TOKEN_EXPIRED');
  });
});
