import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { problems } from '@/platform/http/problem';
import { PlaylistParams } from '@/modules/library/library.schemas';
import { ListQuery } from '@/modules/tracks/tracks.schemas';
import type { PlaylistEdges } from './playlist-edges';
import { TOGGLES } from './social.routes';
import { LikedPlaylistList, LikeState, RepostState } from './social.schemas';

export function registerPlaylistEdgeRoutes(root: FastifyInstance, { playlists }: { playlists: PlaylistEdges }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['social'];

  for (const { method, on, verb } of TOGGLES) {
    app.route({
      method,
      url: '/api/v1/playlists/:id/like',
      config: { access: 'user' },
      schema: {
        operationId: `${verb}likePlaylist`,
        tags,
        summary: on ? 'Like a playlist (idempotent)' : 'Take back your like of a playlist (idempotent)',
        params: PlaylistParams,
        response: { 200: LikeState, ...problems({ 404: ['PLAYLIST_NOT_FOUND'] }) },
      },
      handler: (req) => playlists.like(principalOf(req), req.params.id, on),
    });

    app.route({
      method,
      url: '/api/v1/playlists/:id/repost',
      config: { access: 'user' },
      schema: {
        operationId: `${verb}repostPlaylist`,
        tags,
        summary: on
          ? "Repost someone else's public playlist to your followers (idempotent)"
          : 'Take back your repost of a playlist (idempotent)',
        params: PlaylistParams,
        response: {
          200: RepostState,
          ...problems({
            404: ['PLAYLIST_NOT_FOUND'],
            ...(on ? { 409: ['PLAYLIST_NOT_REPOSTABLE', 'CANNOT_REPOST_OWN_PLAYLIST'] } : {}),
          }),
        },
      },
      handler: (req) => playlists.repost(principalOf(req), req.params.id, on),
    });
  }

  // A sibling of /me/likes rather than a mixed list: each list keeps one item shape and its own cursor,
  // and the tracks list's clients are unchanged.
  app.get(
    '/api/v1/me/liked-playlists',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyLikedPlaylists',
        tags,
        summary: 'Playlists you liked, newest like first (only those you may still see)',
        querystring: ListQuery,
        response: { 200: LikedPlaylistList },
      },
    },
    (req) => playlists.liked(principalOf(req), req.query),
  );
}
