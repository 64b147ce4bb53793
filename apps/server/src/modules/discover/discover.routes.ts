import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { problems } from '@/platform/http/problem';
import { ListQuery, TrackList } from '@/modules/tracks/tracks.schemas';
import { UsernameParams } from '@/modules/users/users.schemas';
import { DiscoverSections, GenreParams, GenreTracks } from './discover.schemas';
import type { DiscoverService } from './discover.service';

export function registerDiscoverRoutes(root: FastifyInstance, { discover }: { discover: DiscoverService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['discover'];

  app.get(
    '/api/v1/discover',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'discover',
        tags,
        summary: 'Trending tracks, new releases and genres',
        description:
          'Only public tracks that finished processing (and, in trending, the viewer’s own), without the ' +
          'people a block stands between the viewer and.',
        response: { 200: DiscoverSections },
      },
    },
    (req) => discover.sections(req.principal),
  );

  app.get(
    '/api/v1/discover/genres/:genre',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'discoverGenre',
        tags,
        summary: 'Public tracks of a genre, newest first',
        description: 'Genres match case-insensitively; an unknown genre answers an empty list.',
        params: GenreParams,
        querystring: ListQuery,
        response: { 200: GenreTracks },
      },
    },
    (req) => discover.genre(req.principal, req.params.genre, req.query),
  );

  app.get(
    '/api/v1/users/:username/tracks',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listUserTracks',
        tags,
        summary: "A user's tracks, newest first (their profile's Tracks tab)",
        description: 'Public tracks that finished processing; the user also sees their unlisted and private ones.',
        params: UsernameParams,
        querystring: ListQuery,
        response: { 200: TrackList, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => discover.userTracks(req.params.username, req.principal, req.query),
  );
}
