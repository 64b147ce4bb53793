import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { FeedPage, FeedQuery } from './feed.schemas';
import type { FeedService } from './feed.service';

export function registerFeedRoutes(root: FastifyInstance, { feed }: { feed: FeedService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/feed',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getFeed',
        tags: ['social'],
        summary: 'Uploads and reposts of the people you follow, newest first',
        description:
          'Each track or playlist comes once, at its newest activity, with the people you follow who reposted it. ' +
          'Only public, ready tracks and public playlists; users you blocked or who blocked you are left out.',
        querystring: FeedQuery,
        response: { 200: FeedPage },
      },
    },
    (req) => feed.feed(principalOf(req), req.query),
  );
}
