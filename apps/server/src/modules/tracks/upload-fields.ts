import type { FieldError } from '@/platform/http/errors';
import { DESCRIPTION_MAX, GENRE_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX, type Visibility } from './tracks.schemas';

export interface UploadFields {
  title?: string;
  description?: string | null;
  genre?: string | null;
  tags?: string[];
  visibility?: Visibility;
}

const VISIBILITIES: readonly string[] = ['public', 'unlisted', 'private'];

/**
 * The text fields of a multipart upload, checked one by one as they arrive
 * (ajv never sees a streamed body). Problems are collected, not thrown, so
 * the answer lists every bad field at once.
 */
export class UploadFieldsReader {
  readonly fields: UploadFields = {};
  readonly problems: FieldError[] = [];

  add(name: string, raw: string): void {
    const value = raw.trim();
    const path = `body/${name}`;
    switch (name) {
      case 'title':
        if (value.length < 1 || value.length > TITLE_MAX) this.problem(path, `Must be 1 to ${TITLE_MAX} characters`);
        else this.fields.title = value;
        return;
      case 'description':
        if (value.length > DESCRIPTION_MAX) this.problem(path, `Must be at most ${DESCRIPTION_MAX} characters`);
        else this.fields.description = value || null;
        return;
      case 'genre':
        if (value.length > GENRE_MAX) this.problem(path, `Must be at most ${GENRE_MAX} characters`);
        else this.fields.genre = value || null;
        return;
      case 'tags': {
        const tags = [
          ...new Set(
            value
              .split(',')
              .map((t) => t.trim().toLowerCase())
              .filter(Boolean),
          ),
        ];
        if (tags.length > TAGS_MAX) this.problem(path, `At most ${TAGS_MAX} tags`);
        else if (tags.some((t) => t.length > TAG_MAX))
          this.problem(path, `Each tag must be at most ${TAG_MAX} characters`);
        else this.fields.tags = tags;
        return;
      }
      case 'visibility':
        if (!VISIBILITIES.includes(value)) this.problem(path, 'Must be public, unlisted or private');
        else this.fields.visibility = value as Visibility;
        return;
      default:
        this.problem(path, 'Unknown field');
    }
  }

  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }
}

/** "My Song (final).wav" → "My Song (final)": the title a file name suggests. */
export function titleFromFilename(filename: string): string {
  const base = filename
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return (base || 'Untitled').slice(0, TITLE_MAX);
}

/** Extensions of the audio containers Veza accepts (probe.ts), the only ones an original is stored with. */
const AUDIO_EXTENSIONS = new Set([
  'mp3',
  'flac',
  'wav',
  'wave',
  'aif',
  'aiff',
  'aifc',
  'aac',
  'm4a',
  'mp4',
  'ogg',
  'oga',
  'opus',
]);

/**
 * A storage-safe extension for the original ("wav", "flac"); "bin" when the
 * name has none or names no audio container. ffmpeg takes a file's
 * extension as a hint of its container, so a stored original never keeps
 * one like `.m3u8`, `.ffconcat` or `.jpg`.
 */
export function extensionOf(filename: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(filename)?.[1]?.toLowerCase();
  return ext && AUDIO_EXTENSIONS.has(ext) ? ext : 'bin';
}
