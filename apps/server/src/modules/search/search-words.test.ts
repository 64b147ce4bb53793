import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, searchWords } from './search-words';

describe('the words of a query', () => {
  it.each([
    ['Smells Like', ['smells', 'like']],
    ["Don't  stop!", ['don', 't', 'stop']],
    ['beyoncé', ['beyoncé']],
    ['beyonce\u0301', ['beyoncé']],
    ['a:* & !b | (c)', ['a', 'b', 'c']],
    ['100%_off', ['100', 'off']],
    ['日本語', ['日本語']],
    ['!!!', []],
  ])('%j → %j', (q, words) => {
    expect(searchWords(q)).toEqual(words);
  });

  it(`keeps at most ${MAX_QUERY_WORDS} words`, () => {
    expect(searchWords('a b c d e f g h i j')).toHaveLength(MAX_QUERY_WORDS);
  });
});
