import { createHmac, createSecretKey, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { StreamTokenRejected } from './streaming.errors';

/**
 * Stream tokens: the credential of every HLS request (playlists and
 * segments), checked without the database so the stream role scales on
 * its own. A token says "viewer V may play version X of track T until E".
 *
 * Wire format: `base64url("<version>.<exp>.<viewer>[.p]") + "." + base64url(mac)`
 * where viewer is a user id or empty (anonymous), exp is in unix seconds and
 * a final `.p` says the track was public. Tokens from before that flag read
 * as not public, the safe side.
 * The MAC is HMAC-SHA256 over the track id and the encoded payload, so the
 * track id is bound without being carried (the URL has it) and nothing of
 * the payload is parsed before it is authenticated.
 */
export interface StreamClaims {
  trackId: string;
  /** The user the link was issued to, or null for an anonymous listener. */
  viewer: string | null;
  /** The HLS version (the last part of the track's hls_prefix) the token opens. */
  version: string;
  /** Expiry in unix seconds. */
  exp: number;
  /**
   * The track was public when the link was issued, so its segments may sit
   * in shared caches; an unlisted or private track's must not.
   */
  publicTrack: boolean;
}

export type StreamTokenKey = KeyObject;

export const HLS_VERSION_PATTERN = /^[a-z0-9-]{1,40}$/;
/** What a verified payload must look like; `.` cannot occur inside any of its parts. */
const PAYLOAD_PATTERN = /^([a-z0-9-]{1,40})\.(\d{1,12})\.([0-9a-f-]{36})?(\.p)?$/;
const VIEWER_PATTERN = /^[0-9a-f-]{36}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** A real token is about 110 characters; anything much longer is not worth hashing. */
const MAX_TOKEN_LENGTH = 256;
/** Domain separation: a MAC from this scheme can never be mistaken for another use of the key. */
const MAC_CONTEXT = 'veza-stream-token-v1\n';

/**
 * Derived once from the session secret with HKDF, so there is no new secret
 * to manage and the stream key cannot be used to forge anything else. Each
 * use of the scheme gets a key of its own (`use`): a token made for one
 * (a stream link) never opens another (an original's download link).
 */
export function streamTokenKey(sessionSecret: string, use = 'stream-token'): StreamTokenKey {
  return createSecretKey(Buffer.from(hkdfSync('sha256', sessionSecret, '', `veza/${use}`, 32)));
}

/** Claims to sign; a link that does not say its track is public is treated as not public. */
export type StreamClaimsToSign = Omit<StreamClaims, 'publicTrack'> & { publicTrack?: boolean };

export function signStreamToken(key: StreamTokenKey, claims: StreamClaimsToSign): string {
  if (!HLS_VERSION_PATTERN.test(claims.version)) throw new Error(`invalid HLS version ${claims.version}`);
  if (!Number.isSafeInteger(claims.exp) || claims.exp < 0) throw new Error(`invalid expiry ${claims.exp}`);
  if (claims.viewer !== null && !VIEWER_PATTERN.test(claims.viewer)) throw new Error(`invalid viewer ${claims.viewer}`);
  const fields = `${claims.version}.${claims.exp}.${claims.viewer ?? ''}${claims.publicTrack ? '.p' : ''}`;
  const payload = Buffer.from(fields, 'latin1').toString('base64url');
  return `${payload}.${mac(key, claims.trackId, payload)}`;
}

/**
 * The claims of a token presented for `trackId`, or StreamTokenRejected
 * (403): forged, truncated, for another track, malformed or expired. Never
 * anything else, whatever the input.
 */
export function verifyStreamToken(
  key: StreamTokenKey,
  token: string | undefined,
  trackId: string,
  now: Date,
): StreamClaims {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new StreamTokenRejected('invalid');
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) throw new StreamTokenRejected('invalid');
  const payload = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (!BASE64URL.test(payload) || !BASE64URL.test(given)) throw new StreamTokenRejected('invalid');

  // Comparing the encoded MACs (ASCII, so string length = byte length) avoids
  // decoding, and with it base64's non-canonical spellings of the same bytes.
  const expected = mac(key, trackId, payload);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    throw new StreamTokenRejected('invalid');
  }

  const match = PAYLOAD_PATTERN.exec(Buffer.from(payload, 'base64url').toString('latin1'));
  // Authentic but unparseable can only mean a key shared with a buggy signer; still a 403.
  if (!match) throw new StreamTokenRejected('invalid');
  const exp = Number(match[2]);
  if (exp * 1000 <= now.getTime()) throw new StreamTokenRejected('expired');
  return { trackId, viewer: match[3] ?? null, version: match[1]!, exp, publicTrack: match[4] !== undefined };
}

function mac(key: StreamTokenKey, trackId: string, payload: string): string {
  return createHmac('sha256', key).update(`${MAC_CONTEXT}${trackId}\n${payload}`, 'utf8').digest('base64url');
}
