import { Type, type Static } from '@sinclair/typebox';
import { Track, Visibility } from '@/modules/tracks/tracks.schemas';
import { USERNAME_PATTERN } from '@/modules/users/users.schemas';

export const PLAYLIST_TITLE_MAX = 200;
export const PLAYLIST_DESCRIPTION_MAX = 5000;
/** Tracks one request may add. */
export const ADD_TRACKS_MAX = 100;
/** Tracks one playlist may hold: every edit renumbers them all, in one transaction. */
export const PLAYLIST_ITEMS_MAX = 5000;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });

export const PlaylistUser = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: nullable(Type.String()),
});
export type PlaylistUser = Static<typeof PlaylistUser>;

export const PlaylistSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: nullable(Type.String()),
  visibility: Visibility,
  /** Moves on every change; also the ETag. Send it back in If-Match to refuse stale edits (412). */
  version: Type.Integer({ minimum: 1 }),
  itemCount: Type.Integer({ minimum: 0 }),
  likeCount: Type.Integer({ minimum: 0 }),
  repostCount: Type.Integer({ minimum: 0 }),
  /** The owner's cover, else a mosaic of the first four track covers; null while there is neither. */
  coverUrl: nullable(Type.String()),
  /** True while the owner's own cover replaces the mosaic. */
  customCover: Type.Boolean(),
  owner: PlaylistUser,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type PlaylistSummary = Static<typeof PlaylistSummary>;

const AvailableItem = Type.Object({
  id: Uuid,
  position: Type.Integer({ minimum: 0 }),
  available: Type.Literal(true),
  addedAt: Type.String({ format: 'date-time' }),
  track: Track,
});
/** A track the viewer may not see (private, not ready, deleted): nothing about it is shown. */
const UnavailableItem = Type.Object({
  id: Uuid,
  position: Type.Integer({ minimum: 0 }),
  available: Type.Literal(false),
});
export const PlaylistItem = Type.Union([AvailableItem, UnavailableItem]);
export type PlaylistItem = Static<typeof PlaylistItem>;

export const PlaylistDetail = Type.Object({
  ...PlaylistSummary.properties,
  /** What the viewer may do: owners everything, collaborators edit the tracks. */
  viewerRole: Type.Union([Type.Literal('owner'), Type.Literal('collaborator'), Type.Null()]),
  collaborators: Type.Array(PlaylistUser),
  items: Type.Array(PlaylistItem),
});
export type PlaylistDetail = Static<typeof PlaylistDetail>;

export const PlaylistList = Type.Object({
  items: Type.Array(PlaylistSummary),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: nullable(Type.String()),
});
export type PlaylistList = Static<typeof PlaylistList>;

export const PlaylistParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PlaylistItemParams = Type.Object({ id: Uuid, itemId: Uuid }, { additionalProperties: false });

const Title = Type.String({ minLength: 1, maxLength: PLAYLIST_TITLE_MAX, pattern: '\\S' });
const Description = nullable(Type.String({ maxLength: PLAYLIST_DESCRIPTION_MAX }));

export const CreatePlaylist = Type.Object(
  { title: Title, description: Type.Optional(Description), visibility: Visibility },
  { additionalProperties: false },
);
export type CreatePlaylist = Static<typeof CreatePlaylist>;

export const UpdatePlaylist = Type.Object(
  { title: Type.Optional(Title), description: Type.Optional(Description), visibility: Type.Optional(Visibility) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePlaylist = Static<typeof UpdatePlaylist>;

export const AddTracks = Type.Object(
  {
    trackIds: Type.Array(Uuid, { minItems: 1, maxItems: ADD_TRACKS_MAX }),
    position: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: PLAYLIST_ITEMS_MAX,
        description: 'Where the first goes; the end by default or when past it',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AddTracks = Static<typeof AddTracks>;

export const MoveItem = Type.Object(
  { position: Type.Integer({ minimum: 0, maximum: PLAYLIST_ITEMS_MAX, description: 'Past the end means last' }) },
  { additionalProperties: false },
);

export const Collaborator = Type.Object(
  { username: Type.String({ pattern: USERNAME_PATTERN }) },
  { additionalProperties: false },
);
