-- Typo corrections are looked up by edit distance (fuzzystrmatch's
-- levenshtein_less_equal) among the vocabulary words that start with the
-- same letter and are at most one letter longer or shorter. Trigram
-- likeness could not tell two swapped letters in a short word ("chrod",
-- "drfit": 0.2 like "chord", "drift") from any other word starting with the
-- same two letters, and the trigram index handed over thousands of such
-- words at 1M tracks; this btree hands over a few hundred, whatever the
-- catalogue's size, and a misspelt first letter is rare.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE INDEX search_vocabulary_shape_idx ON search_vocabulary (left(word, 1), length(word));
DROP INDEX search_vocabulary_word_trgm_idx;
