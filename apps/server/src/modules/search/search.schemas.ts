import { Type, type Static } from '@sinclair/typebox';
import { PlaylistSummary } from '@/modules/library/library.schemas';
import { Track } from '@/modules/tracks/tracks.schemas';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const SearchType = Type.Union([
  Type.Literal('all'),
  Type.Literal('tracks'),
  Type.Literal('users'),
  Type.Literal('playlists'),
]);
export const SearchSort = Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('plays')]);

// No schema length limit: an over-long query answers its own SEARCH_QUERY_TOO_LONG.
const Q = Type.String({
  description:
    'What to look for: words of a title, an artist, tags; typos and accents are forgiven. 1 to 200 characters.',
});

export const SearchQuery = Type.Object(
  {
    q: Q,
    type: Type.Optional({ ...SearchType, default: 'all' }),
    genre: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Tracks of this genre only' })),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 30, description: 'Tracks with this tag only' })),
    minDurationMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
    maxDurationMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
    sort: Type.Optional({ ...SearchSort, default: 'relevance' }),
    cursor: Type.Optional(
      Type.String({
        maxLength: 500,
        description: "A group's nextCursor: continues that group (with type=all, only it)",
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'Per group' })),
  },
  { additionalProperties: false },
);
export type SearchParams = Static<typeof SearchQuery>;

export const SuggestQuery = Type.Object({ q: Q }, { additionalProperties: false });

export const SearchUser = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: nullable(Type.String()),
  avatarUrl: nullable(Type.String()),
});
export type SearchUser = Static<typeof SearchUser>;

const nextCursor = nullable(Type.String({ description: 'Pass as `cursor` for the next page of this group' }));

export const SearchResults = Type.Object(
  {
    tracks: Type.Optional(Type.Object({ items: Type.Array(Track), nextCursor })),
    users: Type.Optional(Type.Object({ items: Type.Array(SearchUser), nextCursor })),
    playlists: Type.Optional(Type.Object({ items: Type.Array(PlaylistSummary), nextCursor })),
  },
  {
    description:
      'Results grouped by type, best first: every group for type=all, only the one asked for otherwise. ' +
      'sort=plays orders tracks by their current play counts (people and playlists by relevance). ' +
      'A page may hold fewer items than `limit` while more follow (what the viewer may not see is left out).',
  },
);
export type SearchResults = Static<typeof SearchResults>;

export const Suggestion = Type.Union([
  Type.Object({ kind: Type.Literal('track'), track: Track }),
  Type.Object({ kind: Type.Literal('user'), user: SearchUser }),
  Type.Object({ kind: Type.Literal('playlist'), playlist: PlaylistSummary }),
]);
export type Suggestion = Static<typeof Suggestion>;

export const Suggestions = Type.Object({ items: Type.Array(Suggestion, { maxItems: 8 }) });
