import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { problems } from '@/platform/http/problem';
import type { SearchService } from './search.service';
import { SearchQuery, SearchResults, SuggestQuery, Suggestions } from './search.schemas';

export function registerSearchRoutes(root: FastifyInstance, { search }: { search: SearchService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/search',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'search',
        tags: ['search'],
        summary: 'Search tracks and people',
        description:
          'Public tracks that finished processing and people, by title, artist, tags, genre and description, ' +
          'forgiving typos and accents; a signed-in viewer also finds their own unlisted and private tracks. ' +
          'Genre, tag and duration filters narrow tracks only.',
        querystring: SearchQuery,
        response: {
          200: SearchResults,
          ...problems({
            400: ['SEARCH_QUERY_EMPTY', 'SEARCH_QUERY_TOO_LONG', 'INVALID_SEARCH_FILTERS', 'INVALID_CURSOR'],
          }),
        },
      },
    },
    (req) => search.search(req.principal, req.query),
  );

  app.get(
    '/api/v1/search/suggest',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'suggestSearch',
        tags: ['search'],
        summary: 'Suggestions while typing',
        description:
          'The best 8 tracks and people for a query typed so far (a word may be unfinished), mixed, best first.',
        querystring: SuggestQuery,
        response: {
          200: Suggestions,
          ...problems({ 400: ['SEARCH_QUERY_EMPTY', 'SEARCH_QUERY_TOO_LONG'] }),
        },
      },
    },
    (req) => search.suggest(req.principal, req.query.q),
  );
}
