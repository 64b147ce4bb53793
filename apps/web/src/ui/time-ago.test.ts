import { describe, expect, it } from 'vitest';
import { timeAgo } from './time-ago';

describe('timeAgo', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('speaks of recent times relatively and of old ones by date', () => {
    expect(timeAgo('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(timeAgo('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(timeAgo('2026-03-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(timeAgo('2026-03-09T12:00:00Z', now)).toBe('yesterday');
    expect(timeAgo('2026-02-01T12:00:00Z', now)).toBe('Feb 1, 2026');
  });
});
