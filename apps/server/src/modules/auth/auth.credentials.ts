import type { CredentialResolver } from '@/platform/http/access';
import { Unauthorized } from '@/platform/http/errors';
import type { AuthService } from './auth.service';

/** `Authorization: Bearer <access JWT>`. */
export function bearerCredentials(auth: AuthService): CredentialResolver {
  return {
    name: 'bearer',
    // A forged, expired or revoked token; the revocation store unreachable.
    refusals: { 401: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'TOKEN_REVOKED'], 503: ['UNAVAILABLE'] },
    present: (req) => req.headers.authorization !== undefined,
    async resolve(req) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!match?.[1])
        throw new Unauthorized('INVALID_TOKEN', 'Invalid access token', 'Send "Authorization: Bearer <token>".');
      return auth.principalFromAccessToken(match[1]);
    },
  };
}
