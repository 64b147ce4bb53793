import type { ByteRange } from '@/platform/storage/storage';

/**
 * What to answer to a `Range` header (RFC 9110 §14) for a resource of
 * `size` bytes:
 * - `full`: no range, or one we ignore as the RFC allows (another unit,
 *   a malformed value, or several ranges: answering those would need a
 *   multipart/byteranges body, which players never ask for, so they get
 *   the whole file with 200);
 * - `partial`: one satisfiable range (`a-b`, `a-` or `-n`), clamped to the
 *   file, for a 206;
 * - `unsatisfiable`: a well-formed range starting past the end, for a 416.
 */
export type RangeDecision = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const FULL: RangeDecision = { kind: 'full' };
const UNSATISFIABLE: RangeDecision = { kind: 'unsatisfiable' };
/** Up to 15 digits stays a safe integer; nothing we serve is a petabyte. */
const SINGLE_RANGE = /^bytes[ \t]*=[ \t]*(\d{0,15})[ \t]*-[ \t]*(\d{0,15})[ \t]*$/i;

export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return FULL;
  const match = SINGLE_RANGE.exec(header);
  if (!match) return FULL;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return FULL;

  if (first === '') {
    // Suffix range: the last n bytes, all of them when n exceeds the size.
    const n = Number(last);
    if (n === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', range: { start: Math.max(0, size - n), end: size - 1 } };
  }

  const start = Number(first);
  if (last !== '' && Number(last) < start) return FULL; // Invalid per the RFC: ignore it.
  if (start >= size) return UNSATISFIABLE;
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'partial', range: { start, end } };
}

/**
 * If-None-Match (RFC 9110 §13.1.2) uses the weak comparison: `W/` is
 * ignored on either side, and `*` matches any existing file.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const ours = stripWeak(etag);
  return header.split(',').some((candidate) => stripWeak(candidate.trim()) === ours);
}

/** If-Range (RFC 9110 §13.1.5) needs a strong match, else the Range is ignored and the whole file sent. */
export function ifRangeHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return !header.startsWith('W/') && header.trim() === etag;
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
