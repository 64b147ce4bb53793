import type { FastifyInstance } from 'fastify';
import type { FakeClock } from '@/platform/clock/clock';
import type { PlaylistDetail } from './library.schemas';

type Auth = { authorization: string } | undefined;

/** The calls the library tests make, one line each (test-only). */
export function playlistRequests(app: FastifyInstance, clock: FakeClock) {
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    auth: Auth,
    payload?: object,
    headers = {},
  ) => app.inject({ method, url: `/api/v1${url}`, headers: { ...auth, ...headers }, ...(payload ? { payload } : {}) });
  return {
    call,
    /** A second after the previous one, so newest-first lists have a defined order. */
    async create(auth: Auth, body: { title?: string; visibility?: string; description?: string } = {}) {
      clock.advance(1000);
      const res = await call('POST', '/playlists', auth, { title: 'Mix', visibility: 'public', ...body });
      if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
      return res.json<PlaylistDetail>();
    },
    get: (id: string, auth?: Auth) => call('GET', `/playlists/${id}`, auth),
    add: (id: string, auth: Auth, trackIds: string[], position?: number, headers = {}) =>
      call(
        'POST',
        `/playlists/${id}/tracks`,
        auth,
        { trackIds, ...(position !== undefined ? { position } : {}) },
        headers,
      ),
    move: (id: string, itemId: string, auth: Auth, position: number, headers = {}) =>
      call('PUT', `/playlists/${id}/tracks/${itemId}/position`, auth, { position }, headers),
    remove: (id: string, itemId: string, auth: Auth, headers = {}) =>
      call('DELETE', `/playlists/${id}/tracks/${itemId}`, auth, undefined, headers),
    invite: (id: string, auth: Auth, username: string) =>
      call('POST', `/playlists/${id}/collaborators`, auth, { username }),
  };
}

/** The track ids of a playlist's items in order (undefined for unavailable ones). */
export function trackOrder(playlist: PlaylistDetail): (string | undefined)[] {
  return playlist.items.map((item) => (item.available ? item.track.id : undefined));
}
