import { describe, expect, it } from 'vitest';
import { repostedBy } from './reposted-by';

const u = (username: string) => ({ id: username, username, displayName: null, avatarUrl: null });

describe('repostedBy', () => {
  it('names everyone when all are known, else the newest and a count', () => {
    expect(repostedBy({ users: [], total: 0 })).toBeNull();
    expect(repostedBy({ users: [u('a')], total: 1 })).toEqual({ named: [u('a')], others: 0 });
    expect(repostedBy({ users: [u('a'), u('b')], total: 2 })).toEqual({ named: [u('a'), u('b')], others: 0 });
    expect(repostedBy({ users: [u('a'), u('b'), u('c')], total: 3 })).toEqual({
      named: [u('a'), u('b'), u('c')],
      others: 0,
    });
    expect(repostedBy({ users: [u('a'), u('b'), u('c')], total: 12 })).toEqual({ named: [u('a')], others: 11 });
  });
});
