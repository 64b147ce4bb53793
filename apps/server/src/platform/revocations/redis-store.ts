import type { Redis } from 'ioredis';
import type { RevocationStore } from './revocations';

const PREFIX = 'veza:revoked:';

// Keeps the later cutoff and the longer life, as the Postgres upsert does.
const REVOKE = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** One key per subject holding the cutoff in epoch ms; Redis expires it, so nothing to purge. */
export class RedisRevocationStore implements RevocationStore {
  constructor(private readonly redis: Redis) {}

  async revoke(subjects: readonly string[], before: Date, until: Date): Promise<void> {
    const ttlMs = Math.max(1, until.getTime() - before.getTime());
    await Promise.all(
      subjects.map((subject) => this.redis.eval(REVOKE, 1, PREFIX + subject, String(before.getTime()), String(ttlMs))),
    );
  }

  async revokedBefore(subjects: readonly string[]): Promise<Date | undefined> {
    const values = await this.redis.mget(...subjects.map((s) => PREFIX + s));
    const cutoffs = values.filter((v): v is string => v !== null).map(Number);
    return cutoffs.length > 0 ? new Date(Math.max(...cutoffs)) : undefined;
  }

  purgeExpired(): Promise<number> {
    return Promise.resolve(0);
  }
}
