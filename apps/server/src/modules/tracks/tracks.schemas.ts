import { Type, type Static } from '@sinclair/typebox';

export const TrackStatus = Type.Union([Type.Literal('processing'), Type.Literal('ready'), Type.Literal('failed')]);
export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('unlisted'), Type.Literal('private')]);
export type Visibility = Static<typeof Visibility>;

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const GENRE_MAX = 50;
export const TAG_MAX = 30;
export const TAGS_MAX = 10;

export const Track = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  description: nullable(Type.String()),
  genre: nullable(Type.String()),
  tags: Type.Array(Type.String()),
  visibility: Visibility,
  status: TrackStatus,
  /** Why processing failed, in words an artist can act on. */
  statusMessage: nullable(Type.String()),
  /** Processing progress in percent; 100 once ready. */
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  durationMs: nullable(Type.Integer()),
  /** Integrated loudness (EBU R128) for playback normalisation. */
  loudnessLufs: nullable(Type.Number()),
  coverUrl: nullable(Type.String()),
  playCount: Type.Integer(),
  likeCount: Type.Integer({ minimum: 0 }),
  repostCount: Type.Integer({ minimum: 0 }),
  commentCount: Type.Integer({ minimum: 0, description: 'Live comments and replies.' }),
  artist: Type.Object({
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: nullable(Type.String()),
  }),
  createdAt: Type.String({ format: 'date-time' }),
  readyAt: nullable(Type.String({ format: 'date-time' })),
});
export type Track = Static<typeof Track>;

export const TrackDetail = Type.Object({
  ...Track.properties,
  /** About 1,800 peak amplitudes in 0..1 for drawing the waveform; null until processed. */
  waveform: nullable(Type.Array(Type.Number())),
});
export type TrackDetail = Static<typeof TrackDetail>;

export const TrackList = Type.Object({
  items: Type.Array(Track),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: nullable(Type.String()),
});

export const TrackParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const DownloadLink = Type.Object(
  {
    url: Type.String({ description: 'Path of the download on this server, token included.' }),
    expiresAt: Type.String({ format: 'date-time', description: 'When the link stops working.' }),
  },
  { additionalProperties: false },
);

export const DownloadQuery = Type.Object(
  { token: Type.Optional(Type.String({ maxLength: 512, description: 'From POST /tracks/{id}/original/link.' })) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const TrackFields = {
  title: Type.String({ minLength: 1, maxLength: TITLE_MAX }),
  description: nullable(Type.String({ maxLength: DESCRIPTION_MAX })),
  genre: nullable(Type.String({ maxLength: GENRE_MAX })),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: TAG_MAX }), { maxItems: TAGS_MAX }),
  visibility: Visibility,
};

export const UpdateTrack = Type.Object(
  {
    title: Type.Optional(TrackFields.title),
    description: Type.Optional(TrackFields.description),
    genre: Type.Optional(TrackFields.genre),
    tags: Type.Optional(TrackFields.tags),
    visibility: Type.Optional(TrackFields.visibility),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTrack = Static<typeof UpdateTrack>;

/** The multipart form of POST /tracks, for the OpenAPI document (parsed by hand: the file is streamed). */
export const UploadForm = Type.Object(
  {
    file: Type.String({ format: 'binary', description: 'The audio: mp3, flac, wav, aiff, aac/m4a or ogg/opus' }),
    title: Type.Optional(Type.String({ maxLength: TITLE_MAX, description: 'Defaults to the file name' })),
    description: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX })),
    genre: Type.Optional(Type.String({ maxLength: GENRE_MAX })),
    tags: Type.Optional(Type.String({ description: `Comma-separated, at most ${TAGS_MAX}` })),
    visibility: Type.Optional(Visibility),
    cover: Type.Optional(Type.String({ format: 'binary', description: 'PNG, JPEG or WebP, at most 10 MiB' })),
  },
  { 'x-multipart': true },
);
