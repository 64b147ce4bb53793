import type { Redis } from 'ioredis';
import type { Clock } from '@/platform/clock/clock';
import type { Db } from '@/platform/db/db';
import { Unavailable } from '@/platform/http/errors';
import { PgRevocationStore } from './pg-store';
import { RedisRevocationStore } from './redis-store';

/**
 * Where revoked access tokens are remembered, shared by every process. A
 * subject is `session:<family id>` or `user:<user id>`; its tokens issued
 * before `before` are refused. An entry may be forgotten after `until`, once
 * every token it refuses has expired on its own.
 */
export interface RevocationStore {
  revoke(subjects: readonly string[], before: Date, until: Date): Promise<void>;
  /** The latest cutoff among the subjects still remembered at `now`. */
  revokedBefore(subjects: readonly string[], now: Date): Promise<Date | undefined>;
  /** Drops forgotten entries; stores that expire keys themselves return 0. */
  purgeExpired(now: Date): Promise<number>;
}

export function createRevocationStore(opts: { db: Db; redis?: Redis | undefined }): RevocationStore {
  return opts.redis ? new RedisRevocationStore(opts.redis) : new PgRevocationStore(opts.db);
}

/** Servers' clocks differ a little: an entry outlives the tokens it refuses by this much. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Ends access tokens before they expire. Checked on every authenticated
 * request against the shared store, with no cache: a revocation holds on the
 * next request whichever process answers it.
 */
export class AccessRevocations {
  constructor(private readonly deps: { store: RevocationStore; clock: Clock; accessTokenTtlMs: number }) {}

  /** Logout, refresh-token reuse, password change (the other sessions). */
  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.revoke(sessionIds.map((id) => `session:${id}`));
  }

  /** Password reset, role change: every token the user holds now. */
  async revokeUser(userId: string): Promise<void> {
    await this.revoke([`user:${userId}`]);
  }

  /**
   * Fails closed: with the store unreachable a token might be revoked, so the
   * request is refused with a 503 to retry rather than let through.
   */
  async isRevoked(token: { userId: string; sessionId: string; issuedAt: Date }): Promise<boolean> {
    let before: Date | undefined;
    try {
      before = await this.deps.store.revokedBefore(
        [`session:${token.sessionId}`, `user:${token.userId}`],
        this.deps.clock.now(),
      );
    } catch (err) {
      throw Object.assign(new Unavailable('Signed-in requests cannot be checked right now. Try again shortly.'), {
        cause: err,
      });
    }
    // A token minted in the very millisecond of the revocation is refused too: when in doubt, refresh.
    return before !== undefined && token.issuedAt <= before;
  }

  purgeExpired(): Promise<number> {
    return this.deps.store.purgeExpired(this.deps.clock.now());
  }

  private async revoke(subjects: string[]): Promise<void> {
    const now = this.deps.clock.now();
    const until = new Date(now.getTime() + this.deps.accessTokenTtlMs + CLOCK_SKEW_MS);
    await this.deps.store.revoke(subjects, now, until);
  }
}
