import { Type, type Static } from '@sinclair/typebox';
import { PlaylistSummary } from '@/modules/library/library.schemas';
import { Track } from '@/modules/tracks/tracks.schemas';
import { PublicProfile } from '@/modules/users/users.schemas';

export const LikeState = Type.Object({ liked: Type.Boolean(), likeCount: Type.Integer({ minimum: 0 }) });
export const RepostState = Type.Object({ reposted: Type.Boolean(), repostCount: Type.Integer({ minimum: 0 }) });
export const FollowState = Type.Object({ following: Type.Boolean(), followerCount: Type.Integer({ minimum: 0 }) });
export const BlockState = Type.Object({ blocked: Type.Boolean() });

const Ids = Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100, uniqueItems: true });
export const RelationsQuery = Type.Object(
  { tracks: Type.Optional(Ids), users: Type.Optional(Ids), playlists: Type.Optional(Ids) },
  { additionalProperties: false },
);
/** The caller's own ties to the tracks and users a page shows, in the order asked: what its buttons start from. */
export const Relations = Type.Object({
  tracks: Type.Array(Type.Object({ id: Type.String(), liked: Type.Boolean(), reposted: Type.Boolean() })),
  users: Type.Array(Type.Object({ id: Type.String(), following: Type.Boolean(), blocked: Type.Boolean() })),
  playlists: Type.Array(Type.Object({ id: Type.String(), liked: Type.Boolean(), reposted: Type.Boolean() })),
});
export type Relations = Static<typeof Relations>;

const nextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Pass as `cursor` for the next page; null on the last page.',
});

export const LikeList = Type.Object({
  items: Type.Array(Type.Object({ likedAt: Type.String({ format: 'date-time' }), track: Track })),
  nextCursor,
});

export const LikedPlaylistList = Type.Object({
  items: Type.Array(Type.Object({ likedAt: Type.String({ format: 'date-time' }), playlist: PlaylistSummary })),
  nextCursor,
});

export const FollowList = Type.Object({
  items: Type.Array(Type.Object({ followedAt: Type.String({ format: 'date-time' }), user: PublicProfile })),
  nextCursor,
});

export const BlockList = Type.Object({
  items: Type.Array(Type.Object({ blockedAt: Type.String({ format: 'date-time' }), user: PublicProfile })),
  nextCursor,
});
