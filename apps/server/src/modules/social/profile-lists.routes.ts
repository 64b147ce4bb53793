import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { problems } from '@/platform/http/problem';
import { ListQuery, Track } from '@/modules/tracks/tracks.schemas';
import { UsernameParams } from '@/modules/users/users.schemas';
import { LikeList } from './social.schemas';
import type { ProfileListsService } from './profile-lists.service';

const RepostList = Type.Object({
  items: Type.Array(Type.Object({ repostedAt: Type.String({ format: 'date-time' }), track: Track })),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` for the next page; null on the last page.',
  }),
});

export function registerProfileListRoutes(
  root: FastifyInstance,
  { profileLists }: { profileLists: ProfileListsService },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['social'];

  app.get(
    '/api/v1/users/:username/likes',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listUserLikes',
        tags,
        summary: "The tracks a user liked, newest like first (when they show them: profile's likesPublic)",
        description:
          'Only public tracks that finished processing, and the viewer’s own. A user who keeps their likes ' +
          'to themselves answers 403 LIKES_HIDDEN to anyone else.',
        params: UsernameParams,
        querystring: ListQuery,
        response: { 200: LikeList, ...problems({ 403: ['LIKES_HIDDEN'], 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => profileLists.likes(req.params.username, req.principal, req.query),
  );

  app.get(
    '/api/v1/users/:username/reposts',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listUserReposts',
        tags,
        summary: 'The tracks a user reposted, newest repost first',
        description: 'Only public tracks that finished processing, and the viewer’s own.',
        params: UsernameParams,
        querystring: ListQuery,
        response: { 200: RepostList, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => profileLists.reposts(req.params.username, req.principal, req.query),
  );
}
