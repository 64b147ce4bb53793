import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { problems } from '@/platform/http/problem';
import { ListQuery, TrackParams } from '@/modules/tracks/tracks.schemas';
import { UsernameParams } from '@/modules/users/users.schemas';
import {
  BlockList,
  BlockState,
  FollowList,
  FollowState,
  LikeList,
  LikeState,
  Relations,
  RelationsQuery,
  RepostState,
} from './social.schemas';
import type { SocialService } from './social.service';

/** PUT sets, DELETE clears: both idempotent, both answer the state after the call. */
export const TOGGLES = [
  { method: 'PUT', on: true, verb: '' },
  { method: 'DELETE', on: false, verb: 'un' },
] as const;

export function registerSocialRoutes(root: FastifyInstance, { social }: { social: SocialService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['social'];

  for (const { method, on, verb } of TOGGLES) {
    app.route({
      method,
      url: '/api/v1/tracks/:id/like',
      config: { access: 'user' },
      schema: {
        operationId: `${verb}likeTrack`,
        tags,
        summary: on ? 'Like a track (idempotent)' : 'Take back your like of a track (idempotent)',
        params: TrackParams,
        response: { 200: LikeState, ...problems({ 404: ['TRACK_NOT_FOUND'] }) },
      },
      handler: (req) => social.likeTrack(principalOf(req), req.params.id, on),
    });

    app.route({
      method,
      url: '/api/v1/tracks/:id/repost',
      config: { access: 'user' },
      schema: {
        operationId: `${verb}repostTrack`,
        tags,
        summary: on
          ? "Repost someone else's public track to your followers (idempotent)"
          : 'Take back your repost of a track (idempotent)',
        params: TrackParams,
        response: {
          200: RepostState,
          ...problems({
            404: ['TRACK_NOT_FOUND'],
            ...(on ? { 409: ['TRACK_NOT_REPOSTABLE', 'CANNOT_REPOST_OWN_TRACK'] } : {}),
          }),
        },
      },
      handler: (req) => social.repostTrack(principalOf(req), req.params.id, on),
    });

    app.route({
      method,
      url: '/api/v1/users/:username/follow',
      config: { access: 'user' },
      schema: {
        operationId: `${verb}followUser`,
        tags,
        summary: on ? 'Follow a user (idempotent)' : 'Stop following a user (idempotent)',
        params: UsernameParams,
        response: {
          200: FollowState,
          ...problems({
            404: ['USER_NOT_FOUND'],
            409: ['CANNOT_FOLLOW_SELF'],
            ...(on ? { 403: ['BLOCKED'] } : {}),
          }),
        },
      },
      handler: (req) => social.follow(principalOf(req), req.params.username, on),
    });

    app.route({
      method,
      url: '/api/v1/users/:username/block',
      config: { access: 'user' },
      schema: {
        operationId: `${verb}blockUser`,
        tags,
        summary: on
          ? 'Block a user: ends the follows between you, both ways, and they cannot follow you (idempotent)'
          : 'Lift your block of a user (idempotent)',
        params: UsernameParams,
        response: { 200: BlockState, ...problems({ 404: ['USER_NOT_FOUND'], 409: ['CANNOT_BLOCK_SELF'] }) },
      },
      handler: (req) => social.block(principalOf(req), req.params.username, on),
    });
  }

  app.get(
    '/api/v1/me/likes',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyLikes',
        tags,
        summary: 'Tracks you liked, newest like first (only those you may still see)',
        querystring: ListQuery,
        response: { 200: LikeList },
      },
    },
    (req) => social.myLikes(principalOf(req), req.query),
  );

  for (const direction of ['followers', 'following'] as const) {
    app.get(
      `/api/v1/users/:username/${direction}`,
      {
        config: { access: 'public' },
        schema: {
          operationId: direction === 'followers' ? 'listFollowers' : 'listFollowing',
          tags,
          summary: direction === 'followers' ? 'Who follows a user, newest first' : 'Whom a user follows, newest first',
          params: UsernameParams,
          querystring: ListQuery,
          response: { 200: FollowList, ...problems({ 404: ['USER_NOT_FOUND'] }) },
        },
      },
      (req) =>
        direction === 'followers'
          ? social.followers(req.params.username, req.query)
          : social.following(req.params.username, req.query),
    );
  }

  app.get(
    '/api/v1/me/blocks',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyBlocks',
        tags,
        summary: 'Users you blocked, newest first',
        querystring: ListQuery,
        response: { 200: BlockList },
      },
    },
    (req) => social.myBlocks(principalOf(req), req.query),
  );

  app.get(
    '/api/v1/me/relations',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMyRelations',
        tags,
        summary: 'Your likes, reposts, follows and blocks among some tracks, users and playlists',
        description:
          'Repeat `tracks`, `users` and `playlists` (up to 100 ids each): ' +
          '`?tracks=<id>&tracks=<id>&users=<id>&playlists=<id>`. Ids you may not see simply answer false.',
        querystring: RelationsQuery,
        response: { 200: Relations },
      },
    },
    (req) => social.relations(principalOf(req), req.query),
  );
}
