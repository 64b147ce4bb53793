import { StreamTokenRejected } from './streaming.errors';
import { verifyStreamToken, type StreamClaims, type StreamTokenKey } from './stream-token';

/**
 * Tokens already verified, so the HMAC runs once per stream link rather
 * than once per segment: a player presents the same token for every
 * request of a playback. Expiry is still checked on every use. Bounded:
 * the oldest entries go first.
 */
export class VerifiedTokens {
  /** By token alone: its claims name the one track it opens. */
  private readonly claims = new Map<string, StreamClaims>();

  constructor(
    private readonly key: StreamTokenKey,
    private readonly maxEntries = 10_000,
  ) {}

  verify(token: string | undefined, trackId: string, now: Date): StreamClaims {
    const known = token === undefined ? undefined : this.claims.get(token);
    if (known && known.trackId === trackId) {
      if (known.exp * 1000 <= now.getTime()) throw new StreamTokenRejected('expired');
      return known;
    }
    // Unknown, or presented for another track: the full check decides (and rejects the latter).
    const claims = verifyStreamToken(this.key, token, trackId, now);
    if (this.claims.size >= this.maxEntries) this.claims.delete(this.claims.keys().next().value!);
    this.claims.set(token!, claims);
    return claims;
  }
}
