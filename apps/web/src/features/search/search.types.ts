import type { paths } from '@/api/schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type SearchQuery = NonNullable<paths['/api/v1/search']['get']['parameters']['query']>;
export type SearchResults = Json<paths['/api/v1/search']['get']['responses'][200]>;
export type SearchType = NonNullable<SearchQuery['type']>;
export type SearchSort = NonNullable<SearchQuery['sort']>;
export type Suggestion = Json<paths['/api/v1/search/suggest']['get']['responses'][200]>['items'][number];
export type SearchUser = NonNullable<SearchResults['users']>['items'][number];
export type PlaylistSummary = NonNullable<SearchResults['playlists']>['items'][number];
