import { hash, Rng } from './random';
import type { Catalogue } from './rows';
import { LITTLE_WORDS } from './vocabulary';

/**
 * What listeners type into a search box, drawn from the catalogue's own
 * words with their Zipf weights: single words (common ones most often),
 * two words of a real title, an artist's name, a word cut short while
 * typing, a word with one typo, a word typed without its accents.
 */
export function searchQueries(cat: Catalogue, count: number): string[] {
  const rng = new Rng(hash(cat.size.seed, 99));
  const out: string[] = [];
  while (out.length < count) {
    const kind = rng.next();
    const query =
      kind < 0.35
        ? searchedWord(cat, rng)
        : kind < 0.55
          ? titleWords(cat, rng)
          : kind < 0.65
            ? cat.user(rng.int(cat.artists)).display_name
            : kind < 0.8
              ? prefix(searchedWord(cat, rng), rng)
              : kind < 0.95
                ? typo(searchedWord(cat, rng), rng)
                : withoutAccents(rng.pick(accentedWords(cat)));
    if (query) out.push(query);
  }
  return out;
}

/** A title word by its weight, but never a little word alone ("the", "my"). */
function searchedWord(cat: Catalogue, rng: Rng): string {
  for (;;) {
    const word = cat.word(rng);
    if (!LITTLE_WORDS.includes(word)) return word;
  }
}

/** Two words of a track's title (or one, and its artist's last word, for one-word titles). */
function titleWords(cat: Catalogue, rng: Rng): string {
  const track = cat.track(rng.int(cat.size.tracks));
  const words = track.title.split(' ').filter((w) => /^\p{L}/u.test(w));
  if (words.length >= 2) {
    const at = rng.int(words.length - 1);
    return `${words[at]} ${words[at + 1]}`.toLowerCase();
  }
  return words[0]?.toLowerCase() ?? '';
}

/** Three letters or more of a word, as typed so far. */
function prefix(word: string, rng: Rng): string {
  if (word.length <= 4) return word;
  return word.slice(0, 3 + rng.int(word.length - 3));
}

/** One wrong, missing or swapped letter in a word of five letters or more. */
function typo(word: string, rng: Rng): string {
  if (word.length < 5) return word;
  const at = 1 + rng.int(word.length - 2);
  const edit = rng.int(3);
  if (edit === 0) return word.slice(0, at) + rng.pick([...'aeiouy']) + word.slice(at + 1);
  if (edit === 1) return word.slice(0, at) + word.slice(at + 1);
  return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
}

function accentedWords(cat: Catalogue): string[] {
  return cat.vocabulary.titleWords.filter((w) => /[^\p{ASCII}]/u.test(w));
}

function withoutAccents(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}
