import type { TracksService } from '@/modules/tracks/tracks.service';
import type { UsersService } from '@/modules/users/users.service';
import { AppError } from '@/platform/http/errors';
import { summary, type PageMeta, type PageMetaSource } from '@/platform/http/page-meta';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Link previews for the pages people share: a track and a profile, as an
 * anonymous visitor may see them (a private track previews as nothing).
 */
export function webPageMeta(deps: { tracks: TracksService; users: UsersService; publicUrl: string }): PageMetaSource {
  const absolute = (p: string) => `${deps.publicUrl}${p}`;
  const previews: Record<string, (params: Record<string, string>) => Promise<PageMeta | undefined>> = {
    '/tracks/:id': async ({ id = '' }) => {
      if (!UUID.test(id)) return undefined;
      const track = await deps.tracks.get(id, undefined);
      const artist = track.artist.displayName ?? track.artist.username;
      return {
        type: 'music.song',
        title: `${track.title} by ${artist}`,
        description: summary(track.description ?? `Listen to ${track.title} by ${artist} on Veza.`),
        url: absolute(`/tracks/${track.id}`),
        image: track.coverUrl ? absolute(track.coverUrl) : undefined,
      };
    },
    '/u/:username': async ({ username = '' }) => {
      const profile = await deps.users.publicProfile(username);
      const name = profile.displayName ?? profile.username;
      return {
        type: 'profile',
        title: name,
        description: summary(profile.bio ?? `${name} (@${profile.username}) on Veza.`),
        url: absolute(`/u/${encodeURIComponent(profile.username)}`),
        image: profile.avatarUrl ? absolute(profile.avatarUrl) : undefined,
      };
    },
  };
  return async ({ route, params }) => {
    const preview = previews[route];
    if (!preview) return undefined;
    try {
      return await preview(params);
    } catch (err) {
      // Not found (or not visible): the app says so itself; the document just has no preview.
      if (err instanceof AppError) return undefined;
      throw err;
    }
  };
}
