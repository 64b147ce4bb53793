import { StreamTokenRejected } from '@/modules/streaming/streaming.errors';
import {
  signStreamToken,
  streamTokenKey,
  verifyStreamToken,
  type StreamTokenKey,
} from '@/modules/streaming/stream-token';
import { DownloadLinkRejected } from './tracks.errors';

/**
 * Download links for an original upload: the stream token scheme under a
 * key of its own, bound to the track and the user it was issued to, valid
 * a few minutes. The browser then downloads with a plain link, straight to
 * disk and with its own progress, instead of the web app holding a file of
 * up to TRACK_MAX_UPLOAD_MB in memory to hand it over as a blob. Like a
 * presigned URL, whoever holds the link in those minutes may use it, so it
 * is short-lived, and request logs redact tokens.
 */
export const ORIGINAL_LINK_TTL_MS = 5 * 60_000;
const VERSION = 'original';

export type OriginalLinkKey = StreamTokenKey;

export function originalLinkKey(sessionSecret: string): OriginalLinkKey {
  return streamTokenKey(sessionSecret, 'original-link');
}

export function signOriginalLink(key: OriginalLinkKey, trackId: string, userId: string, now: Date) {
  const expiresAt = new Date(Math.ceil((now.getTime() + ORIGINAL_LINK_TTL_MS) / 1000) * 1000);
  const token = signStreamToken(key, { trackId, viewer: userId, version: VERSION, exp: expiresAt.getTime() / 1000 });
  return { url: `/api/v1/tracks/${trackId}/original?token=${token}`, expiresAt: expiresAt.toISOString() };
}

/** Throws DownloadLinkRejected (403) for a forged, expired or other track's link. */
export function verifyOriginalLink(key: OriginalLinkKey, token: string, trackId: string, now: Date): void {
  try {
    verifyStreamToken(key, token, trackId, now);
  } catch (err) {
    if (err instanceof StreamTokenRejected) throw new DownloadLinkRejected(err.reason);
    throw err;
  }
}
