import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { Clock } from '@/platform/clock/clock';
import type { UserRole } from '@/platform/db/schema';
import { Unauthorized } from '@/platform/http/errors';

const ISSUER = 'veza';
const AUDIENCE = 'veza-api';
const KEY_ID = 'v1';

export interface AccessClaims {
  userId: string;
  role: UserRole;
  /** The refresh-token family (login) this access token was minted for. */
  sessionId: string;
}

/** What a verified token says, with when it was issued (to the millisecond, for revocation cutoffs). */
export interface VerifiedAccess extends AccessClaims {
  issuedAt: Date;
}

/**
 * Short-lived HS256 access JWTs (RFC 8725: one allowed algorithm, iss/aud/exp checked).
 *
 * A client presents the same token on every request for its lifetime, so the
 * tokens already verified are kept (by their whole text, which the signature
 * covers: nothing else can hit an entry), and their signature is checked once
 * per token rather than once per request. Expiry is still checked on every use;
 * revocation is not this class's business (it is looked up per request).
 * Bounded: the oldest entries go first.
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, { claims: VerifiedAccess; expSeconds: number }>();

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly clock: Clock,
    private readonly maxVerified = 10_000,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  get ttlSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  sign(claims: AccessClaims): Promise<string> {
    const nowMs = this.clock.now().getTime();
    const now = Math.floor(nowMs / 1000);
    // iat is in whole seconds; a revocation in the same second must still tell older tokens from newer ones.
    return new SignJWT({ role: claims.role, sid: claims.sessionId, iat_ms: nowMs })
      .setProtectedHeader({ alg: 'HS256', kid: KEY_ID, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<VerifiedAccess> {
    const known = this.verified.get(token);
    if (known) {
      // jose's rule: expired once `exp` is not after the current second.
      if (known.expSeconds <= Math.floor(this.clock.now().getTime() / 1000)) throw expired();
      return known.claims;
    }
    const verified = await this.verifySignedToken(token);
    if (this.verified.size >= this.maxVerified) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, verified);
    return verified.claims;
  }

  private async verifySignedToken(token: string): Promise<{ claims: VerifiedAccess; expSeconds: number }> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string' || typeof payload.sid !== 'string') {
        throw new Unauthorized('INVALID_TOKEN', 'Invalid access token');
      }
      const issuedAtMs = typeof payload.iat_ms === 'number' ? payload.iat_ms : (payload.iat ?? 0) * 1000;
      const claims = {
        userId: payload.sub,
        role: payload.role as UserRole,
        sessionId: payload.sid,
        issuedAt: new Date(issuedAtMs),
      };
      return { claims, expSeconds: payload.exp ?? Infinity };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw expired();
      if (err instanceof Unauthorized) throw err;
      throw new Unauthorized('INVALID_TOKEN', 'Invalid access token');
    }
  }
}

function expired(): Unauthorized {
  return new Unauthorized('TOKEN_EXPIRED', 'Access token expired', 'Refresh the session and retry.');
}

/** 256-bit random opaque tokens (refresh, e-mail); only their SHA-256 is stored. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Signed double-submit CSRF token bound to the session family: a token
 * planted by another site for another session does not verify.
 */
export class CsrfTokens {
  constructor(private readonly secret: string) {}

  issue(sessionId: string): string {
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.mac(nonce, sessionId)}`;
  }

  verify(token: string, sessionId: string): boolean {
    const [nonce, mac] = token.split('.');
    if (!nonce || !mac) return false;
    const expected = Buffer.from(this.mac(nonce, sessionId));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private mac(nonce: string, sessionId: string): string {
    return createHmac('sha256', this.secret).update(`${nonce}.${sessionId}`).digest('base64url');
  }
}
