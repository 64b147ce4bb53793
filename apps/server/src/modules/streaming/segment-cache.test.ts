import { describe, expect, it } from 'vitest';
import { SegmentCache } from './segment-cache';

describe('segment cache', () => {
  it('keeps the most recently used segments within its byte budget', () => {
    const cache = new SegmentCache(300, 150);
    cache.set('a', Buffer.alloc(100));
    cache.set('b', Buffer.alloc(100));
    cache.set('c', Buffer.alloc(100));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('d', Buffer.alloc(100)); // evicts b, the least recent
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].every((k) => cache.get(k))).toBe(true);
    expect(cache.size).toEqual({ entries: 3, bytes: 300 });
  });

  it('leaves out files too big to be worth the memory', () => {
    const cache = new SegmentCache(1000, 150);
    cache.set('big', Buffer.alloc(151));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size.bytes).toBe(0);
  });

  it('keeps a segment read all the time while new ones keep arriving', () => {
    const cache = new SegmentCache(1000, 100);
    cache.set('hot', Buffer.alloc(100));
    for (let i = 0; i < 100; i++) {
      cache.set(`new-${i}`, Buffer.alloc(100));
      expect(cache.get('hot')).toBeDefined();
    }
    expect(cache.get('new-89')).toBeUndefined(); // only the 9 newest fit beside it
    expect(cache.size).toEqual({ entries: 10, bytes: 1000 });
  });
});
