import { describe, expect, it } from 'vitest';
import { decideRange, etagMatches, ifRangeHolds } from './byte-range';

const partial = (start: number, end: number) => ({ kind: 'partial', range: { start, end } });

describe('Range headers', () => {
  it('serves closed, open and suffix ranges, clamped to the file', () => {
    expect(decideRange('bytes=100-199', 1000)).toEqual(partial(100, 199));
    expect(decideRange('bytes=0-0', 1000)).toEqual(partial(0, 0));
    expect(decideRange('bytes=900-', 1000)).toEqual(partial(900, 999));
    expect(decideRange('bytes=900-5000', 1000)).toEqual(partial(900, 999));
    expect(decideRange('bytes=-100', 1000)).toEqual(partial(900, 999));
    expect(decideRange('bytes=-5000', 1000)).toEqual(partial(0, 999));
    expect(decideRange('Bytes = 1-2', 1000)).toEqual(partial(1, 2));
  });

  it('refuses ranges that start past the end, and empty suffixes', () => {
    expect(decideRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=1000-1001', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not serve: no header, other units, malformed or multiple ranges', () => {
    for (const header of [
      undefined,
      '',
      'items=0-1',
      'bytes=',
      'bytes=-',
      'bytes=5-1',
      'bytes=a-b',
      'bytes=0-1,5-6',
      'bytes=1-2-3',
      'bytes=1234567890123456-',
      'bytes=--1',
    ]) {
      expect(decideRange(header, 1000), String(header)).toEqual({ kind: 'full' });
    }
  });
});

describe('conditional requests', () => {
  it('matches If-None-Match weakly, in lists, and on *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"x", "a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });

  it('honours a Range under If-Range only for the same strong ETag', () => {
    expect(ifRangeHolds(undefined, '"a"')).toBe(true);
    expect(ifRangeHolds('"a"', '"a"')).toBe(true);
    expect(ifRangeHolds('W/"a"', '"a"')).toBe(false);
    expect(ifRangeHolds('"b"', '"a"')).toBe(false);
    expect(ifRangeHolds('Wed, 21 Oct 2015 07:28:00 GMT', '"a"')).toBe(false);
  });
});
