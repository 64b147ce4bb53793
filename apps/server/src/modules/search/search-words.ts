/** At most this many words of a query are searched: the rest adds cost, not precision. */
export const MAX_QUERY_WORDS = 8;

/**
 * The words of a query: runs of letters and digits, lowercased. Only
 * these reach the index, so no query syntax (tsquery operators, LIKE
 * wildcards) can be smuggled in.
 */
export function searchWords(q: string): string[] {
  const words =
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_QUERY_WORDS).map((w) => w.slice(0, 50));
}
