import { describe, expect, it } from 'vitest';
import { scrollEdgesOf } from './useScrollEdges';

describe('scrollEdgesOf', () => {
  it('tells which edges hide content', () => {
    expect(scrollEdgesOf({ scrollLeft: 0, clientWidth: 300, scrollWidth: 300 })).toEqual({
      before: false,
      after: false,
    });
    expect(scrollEdgesOf({ scrollLeft: 0, clientWidth: 300, scrollWidth: 480 })).toEqual({
      before: false,
      after: true,
    });
    expect(scrollEdgesOf({ scrollLeft: 90, clientWidth: 300, scrollWidth: 480 })).toEqual({
      before: true,
      after: true,
    });
    expect(scrollEdgesOf({ scrollLeft: 180, clientWidth: 300, scrollWidth: 480 })).toEqual({
      before: true,
      after: false,
    });
    // Fractional widths round: half a pixel is not hidden content.
    expect(scrollEdgesOf({ scrollLeft: 0.5, clientWidth: 300, scrollWidth: 300.5 })).toEqual({
      before: false,
      after: false,
    });
  });
});
