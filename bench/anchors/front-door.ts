import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * What every Veza response carries, rewritten for the bare anchors (not
 * imported from apps/server, so a change there cannot move an anchor).
 */

/** apps/server's front door, over plain http (no Strict-Transport-Security). */
export const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when safe, else a new UUID, as Veza answers it. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
