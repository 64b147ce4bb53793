import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/**
 * Access tokens for generated users, who have no password: signed as
 * Veza's AccessTokens.sign does (HS256, kid v1, iss veza, aud veza-api,
 * role, sid, iat_ms) with a JWT_SECRET the benchmark hands Veza. A token
 * is what a login would have given them; the load then runs signed in.
 */

export function newJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function signAccessToken(secret: string, user: { id: string; role: string }, ttlSec = 3600): Promise<string> {
  const nowMs = Date.now();
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({ role: user.role, sid: randomUUID(), iat_ms: nowMs })
    .setProtectedHeader({ alg: 'HS256', kid: 'v1', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer('veza')
    .setAudience('veza-api')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSec)
    .sign(new TextEncoder().encode(secret));
}
