import { describe, expect, it } from 'vitest';
import { parseUnread } from './unread-events';

describe('parseUnread', () => {
  it('takes a whole count of zero or more', () => {
    expect(parseUnread('{"unread":3}')).toBe(3);
    expect(parseUnread('{"unread":0}')).toBe(0);
  });

  it.each(['{"unread":-1}', '{"unread":1.5}', '{"unread":"3"}', '{}', 'not json'])('drops %s', (data) => {
    expect(parseUnread(data)).toBeNull();
  });
});
