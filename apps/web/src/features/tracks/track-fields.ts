import type { FieldErrors, Visibility } from '@/api';

// The server's limits (tracks.schemas.ts), checked here first so mistakes show before a long upload.
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const GENRE_MAX = 50;
export const TAG_MAX = 30;
export const TAGS_MAX = 10;

export interface TrackFieldValues {
  title: string;
  description: string;
  genre: string;
  /** As typed: comma-separated. */
  tags: string;
  visibility: Visibility;
}

export const VISIBILITIES: readonly { value: Visibility; label: string; hint: string }[] = [
  { value: 'public', label: 'Public', hint: 'Anyone can find and play it.' },
  { value: 'unlisted', label: 'Unlisted', hint: 'Only people with the link can play it.' },
  { value: 'private', label: 'Private', hint: 'Only you can play it.' },
];

export function visibilityLabel(value: Visibility): string {
  return VISIBILITIES.find((v) => v.value === value)?.label ?? value;
}

/** "Lo-fi, chill ,lo-fi" → ["lo-fi", "chill"]: trimmed, lower-cased, once each (as the server stores them). */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export function checkTrackFields(values: TrackFieldValues): FieldErrors {
  const errors: FieldErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = 'Give the track a title.';
  else if (title.length > TITLE_MAX) errors.title = `Titles are at most ${TITLE_MAX} characters.`;
  if (values.description.length > DESCRIPTION_MAX)
    errors.description = `The description is ${values.description.length - DESCRIPTION_MAX} characters too long.`;
  if (values.genre.trim().length > GENRE_MAX) errors.genre = `Genres are at most ${GENRE_MAX} characters.`;
  const tags = parseTags(values.tags);
  if (tags.length > TAGS_MAX) errors.tags = `Keep it to ${TAGS_MAX} tags.`;
  else if (tags.some((t) => t.length > TAG_MAX)) errors.tags = `Each tag is at most ${TAG_MAX} characters.`;
  return errors;
}

/** "My_Song (final).wav" → "My Song (final)", as the server would title it. */
export function titleFromFilename(filename: string): string {
  const base = filename
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/_+/g, ' ')
    .trim();
  return (base || 'Untitled').slice(0, TITLE_MAX);
}

export const COVER_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const COVER_MAX_BYTES = 10 * 1024 * 1024;

export function checkCover(file: File): string | undefined {
  if (!COVER_TYPES.includes(file.type)) return 'Choose a PNG, JPEG or WebP image.';
  if (file.size > COVER_MAX_BYTES) return 'Cover images are limited to 10 MB.';
  return undefined;
}
