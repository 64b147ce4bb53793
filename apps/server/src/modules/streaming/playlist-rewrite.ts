/**
 * Playlists name their children by relative URI; a player resolves them
 * against the playlist's URL but drops its query, so the token must be
 * written into every child URI for the next request to carry it.
 *
 * URIs with a scheme (`https:`, `data:`, `skd:`) or a network path (`//host`)
 * are left alone: the token is a credential for this server only and must
 * not leak to another host, and a data: URI would break. Our own packager
 * only writes relative URIs.
 */
export function rewritePlaylist(text: string, token: string): string {
  // Split on \n and keep any \r with its line, so CRLF playlists stay CRLF.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) {
      // Only tags carry attributes (EXT-X-MEDIA, EXT-X-MAP, EXT-X-KEY, I-FRAME playlists…); `# …` is a comment.
      if (line.startsWith('#EXT') && line.includes('URI="')) {
        lines[i] = line.replace(URI_ATTRIBUTE, (_all, uri: string) => `URI="${withToken(uri, token)}"`);
      }
    } else if (line.trim() !== '') {
      const start = line.length - line.trimStart().length;
      const end = line.trimEnd().length;
      lines[i] = line.slice(0, start) + withToken(line.slice(start, end), token) + line.slice(end);
    }
  }
  return lines.join('\n');
}

const URI_ATTRIBUTE = /URI="([^"\r\n]*)"/g;
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** `a.ts` → `a.ts?token=t`, `a.ts?x=1` → `a.ts?x=1&token=t`; a fragment stays last. */
export function withToken(uri: string, token: string): string {
  if (uri === '' || HAS_SCHEME.test(uri) || uri.startsWith('//')) return uri;
  const hash = uri.indexOf('#');
  const path = hash === -1 ? uri : uri.slice(0, hash);
  const fragment = hash === -1 ? '' : uri.slice(hash);
  const separator = !path.includes('?') ? '?' : path.endsWith('?') || path.endsWith('&') ? '' : '&';
  return `${path}${separator}token=${encodeURIComponent(token)}${fragment}`;
}
