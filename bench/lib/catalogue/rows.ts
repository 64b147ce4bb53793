import { hash, Rng, uuidFor, Zipf } from './random';
import { vocabulary, type Vocabulary } from './vocabulary';

/**
 * The synthetic catalogue's rows, each a pure function of the seed and its
 * index: users (artists, then listeners), tracks, reposts and follows.
 */

export interface CatalogueSize {
  tracks: number;
  seed: number;
}

/** Row kinds, mixed into every row's seed and id. */
const KIND = { user: 1, track: 3, repost: 4, follow: 5 } as const;

/** About 20 tracks per artist, at least 500 artists: the feed's user follows 500 at every scale. */
export const FEED_FOLLOWS = 500;
export const LISTENERS = 2_000;
export function artistCount(tracks: number): number {
  return Math.max(FEED_FOLLOWS, Math.round(tracks / 20));
}

/** The catalogue spans three years, ending here (fixed, so a catalogue never depends on the day it was made). */
const END = Date.parse('2026-11-01T00:00:00Z');
const SPAN_MS = 3 * 365 * 86_400_000;

export interface UserRow {
  id: string;
  email: string;
  username: string;
  display_name: string;
  bio: string | null;
  role: 'artist' | 'listener';
  created_at: Date;
}

export interface TrackRow {
  id: string;
  owner_id: string;
  title: string;
  description: string | null;
  genre: string | null;
  tags: string[];
  visibility: 'public' | 'unlisted' | 'private';
  status: 'ready' | 'failed';
  status_message: string | null;
  file_path: string;
  original_filename: string;
  original_bytes: number;
  duration_ms: number;
  loudness_lufs: number;
  peak_dbfs: number;
  cover_key: string | null;
  hls_prefix: string | null;
  progress: number;
  play_count: number;
  ready_at: Date | null;
  created_at: Date;
}

/** Draws words, names, genres and tags with their Zipf weights. */
export class Catalogue {
  readonly artists: number;
  readonly users: number;
  private readonly vocab: Vocabulary;
  private readonly titleWords: Zipf<string>;
  private readonly genres: Zipf<string>;
  private readonly tags: Zipf<string>;
  private readonly firstNames: Zipf<string>;
  private readonly lastNames: Zipf<string>;

  constructor(readonly size: CatalogueSize) {
    this.artists = artistCount(size.tracks);
    this.users = this.artists + LISTENERS;
    this.vocab = vocabulary(size.seed);
    this.titleWords = new Zipf(this.vocab.titleWords, 1.05);
    this.genres = new Zipf(this.vocab.genres, 0.9);
    this.tags = new Zipf(this.vocab.tags, 1.0);
    this.firstNames = new Zipf(this.vocab.firstNames, 0.7);
    this.lastNames = new Zipf(this.vocab.lastNames, 0.7);
  }

  get vocabulary(): Vocabulary {
    return this.vocab;
  }

  userId(i: number): string {
    return uuidFor(this.size.seed, KIND.user, i);
  }

  trackId(i: number): string {
    return uuidFor(this.size.seed, KIND.track, i);
  }

  /** Users 0 … artists-1 are artists; the rest listen. Listener 0 is the feed's reader (A2). */
  listener(n: number): number {
    return this.artists + n;
  }

  rng(kind: keyof typeof KIND, i: number): Rng {
    return new Rng(hash(this.size.seed, KIND[kind], i));
  }

  word(rng: Rng): string {
    return this.titleWords.draw(rng);
  }

  user(i: number): UserRow {
    const rng = this.rng('user', i);
    const artist = i < this.artists;
    const first = this.firstNames.draw(rng);
    const last = this.lastNames.draw(rng);
    const band = artist && rng.chance(0.3);
    const name = band
      ? `The ${capitalize(rng.pick(this.vocab.bandAdjectives))} ${capitalize(rng.pick(this.vocab.bandNouns))}`
      : `${capitalize(first)} ${capitalize(last)}`;
    const username = `${slug(name).slice(0, 20)}_${i.toString(36)}`;
    return {
      id: this.userId(i),
      email: `${username}@example.com`,
      username,
      display_name: name,
      bio: artist && rng.chance(0.3) ? capitalize(this.words(rng, 6 + rng.int(10))) + '.' : null,
      role: artist ? 'artist' : 'listener',
      created_at: new Date(END - SPAN_MS - rng.int(365) * 86_400_000),
    };
  }

  track(i: number): TrackRow {
    const rng = this.rng('track', i);
    const id = this.trackId(i);
    const owner = rng.int(this.artists);
    const words = rng.next();
    const count = words < 0.25 ? 1 : words < 0.6 ? 2 : words < 0.85 ? 3 : 4;
    let title = capitalizeWords(this.words(rng, count));
    if (rng.chance(0.05))
      title += ` (feat. ${capitalize(this.firstNames.draw(rng))} ${capitalize(this.lastNames.draw(rng))})`;
    const tags = new Set<string>();
    for (let n = rng.int(5); n > 0; n--) tags.add(this.tags.draw(rng));
    const visibility = rng.next();
    const ready = !rng.chance(0.02);
    const created = END - rng.int(SPAN_MS);
    return {
      id,
      owner_id: this.userId(owner),
      title,
      description: rng.chance(0.2) ? capitalize(this.words(rng, 5 + rng.int(8))) + '.' : null,
      genre: rng.chance(0.95) ? this.genres.draw(rng) : null,
      tags: [...tags],
      visibility: visibility < 0.9 ? 'public' : visibility < 0.95 ? 'unlisted' : 'private',
      status: ready ? 'ready' : 'failed',
      status_message: ready ? null : 'The file could not be read as audio.',
      file_path: `tracks/${id}/original`,
      original_filename: `${slug(title) || 'track'}.flac`,
      original_bytes: 8_000_000 + rng.int(50_000_000),
      duration_ms: 60_000 + rng.int(360_000),
      loudness_lufs: -16 + Math.round(rng.next() * 80) / 10,
      peak_dbfs: -Math.round(rng.next() * 30) / 10,
      cover_key: ready && rng.chance(0.6) ? `tracks/${id}/cover/${hash(i, 7).toString(16)}` : null,
      hls_prefix: ready ? `tracks/${id}/hls/${hash(i, 8).toString(16)}` : null,
      progress: ready ? 100 : 0,
      // Log-uniform: most tracks are barely played, a few a lot.
      play_count: Math.floor(Math.exp(rng.next() * 12)) - 1,
      ready_at: ready ? new Date(created + 60_000 + rng.int(600_000)) : null,
      created_at: new Date(created),
    };
  }

  /** What a search or feed may show: public and ready. */
  isListed(track: TrackRow): boolean {
    return track.visibility === 'public' && track.status === 'ready';
  }

  /** The tracks artist `a` reposted (0 to 5, listed ones by others), with when. */
  reposts(a: number): { track: number; at: Date }[] {
    const rng = this.rng('repost', a);
    const out = new Map<number, Date>();
    for (let n = rng.int(6); n > 0; n--) {
      const t = rng.int(this.size.tracks);
      const track = this.track(t);
      if (!this.isListed(track) || track.owner_id === this.userId(a) || out.has(t)) continue;
      const from = track.ready_at!.getTime();
      out.set(t, new Date(from + rng.int(Math.max(1, END - from))));
    }
    return [...out].map(([track, at]) => ({ track, at }));
  }

  /** The artists listener `n` follows: 500 for the feed's reader (listener 0), 5 to 30 for the others. */
  follows(n: number): { artist: number; at: Date }[] {
    const rng = this.rng('follow', n);
    const want = n === 0 ? FEED_FOLLOWS : 5 + rng.int(26);
    const out = new Map<number, Date>();
    while (out.size < Math.min(want, this.artists)) {
      const a = rng.int(this.artists);
      if (!out.has(a)) out.set(a, new Date(END - rng.int(SPAN_MS)));
    }
    return [...out].map(([artist, at]) => ({ artist, at }));
  }

  private words(rng: Rng, count: number): string {
    const out: string[] = [];
    for (let n = 0; n < count; n++) out.push(this.word(rng));
    return out.join(' ');
  }
}

export function catalogue(size: CatalogueSize): Catalogue {
  return new Catalogue(size);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function capitalizeWords(text: string): string {
  return text.split(' ').map(capitalize).join(' ');
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
