import type { CredentialResolver } from '@/platform/http/access';
import type { AuthService } from './auth.service';

/** `Authorization: Bearer <access JWT>`. */
export function bearerCredentials(auth: AuthService): CredentialResolver {
  return {
    name: 'bearer',
    async resolve(req) {
      const header = req.headers.authorization;
      if (!header) return undefined;
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) return undefined;
      return auth.principalFromAccessToken(match[1]);
    },
  };
}
