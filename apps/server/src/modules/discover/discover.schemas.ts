import { Type, type Static } from '@sinclair/typebox';
import { GENRE_MAX, Track } from '@/modules/tracks/tracks.schemas';

export const GenreCount = Type.Object({
  genre: Type.String({ description: 'As most of its tracks spell it; pass to /discover/genres/{genre}' }),
  trackCount: Type.Integer({ minimum: 1 }),
});

export const DiscoverSections = Type.Object({
  trending: Type.Array(
    Type.Object({
      track: Track,
      plays: Type.Integer({ minimum: 1, description: 'Counted plays in the last 7 days, as of the last refresh' }),
    }),
    { description: 'Most played in the last 7 days, most first (refreshed every few minutes)' },
  ),
  newReleases: Type.Array(Track, { description: 'Newest public tracks' }),
  genres: Type.Array(GenreCount, { description: 'Genres of public tracks, most tracks first' }),
});
export type DiscoverSections = Static<typeof DiscoverSections>;

export const GenreParams = Type.Object(
  { genre: Type.String({ minLength: 1, maxLength: GENRE_MAX, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const GenreTracks = Type.Object({
  genre: Type.String(),
  items: Type.Array(Track),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type GenreTracks = Static<typeof GenreTracks>;
