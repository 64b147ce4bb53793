-- Typo correction ranks the vocabulary's close words by edit distance
-- (levenshtein_less_equal): trigram likeness alone cannot tell two swapped
-- letters in a short word ("chrod", "drfit": 0.2 like "chord", "drift")
-- from any other word starting with the same two letters.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
