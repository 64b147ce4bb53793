import { Type, type Static } from '@sinclair/typebox';
import { PlaylistSummary } from '@/modules/library/library.schemas';
import { Track } from '@/modules/tracks/tracks.schemas';

/** A person named on a feed item, in short. */
export const FeedUser = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
});
export type FeedUser = Static<typeof FeedUser>;

const RepostedBy = Type.Object({
  users: Type.Array(FeedUser, { description: 'The newest few reposters among the people you follow.' }),
  total: Type.Integer({ minimum: 0, description: 'How many people you follow reposted it.' }),
});

export const FeedTrackItem = Type.Object({
  /** The item's newest activity: the upload, or the latest repost by someone you follow. */
  at: Type.String({ format: 'date-time' }),
  kind: Type.Union([Type.Literal('upload'), Type.Literal('repost')], {
    description: '`upload` when you follow the track’s artist, else `repost`.',
  }),
  track: Track,
  repostedBy: RepostedBy,
});
export type FeedTrackItem = Static<typeof FeedTrackItem>;

export const FeedPlaylistItem = Type.Object({
  /** The latest repost of the playlist by someone you follow. */
  at: Type.String({ format: 'date-time' }),
  kind: Type.Literal('playlist', { description: 'A public playlist that people you follow reposted.' }),
  playlist: PlaylistSummary,
  repostedBy: RepostedBy,
});
export type FeedPlaylistItem = Static<typeof FeedPlaylistItem>;

export const FeedItem = Type.Union([FeedTrackItem, FeedPlaylistItem]);
export type FeedItem = Static<typeof FeedItem>;

export const FeedPage = Type.Object({
  items: Type.Array(FeedItem),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` for the next page; null on the last page.',
  }),
});
export type FeedPage = Static<typeof FeedPage>;

export const FeedQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);
