import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { UserRole } from '@/platform/db/schema';
import type { EventPublisher } from '@/platform/events/outbox';
import { IMAGE_MIME_TYPES, NotAnImage, reencodeImage, type AcceptedImageFormat } from '@/platform/media/image-input';
import type { UserRow } from './users.tables';
import type { BlobStorage } from '@/platform/storage/storage';
import { AccountTaken, InvalidAvatar, UserNotFound } from './users.errors';
import { UsersRepo } from './users.repo';
import type { Me, PublicProfile, UpdateProfile } from './users.schemas';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** Stored avatars are at most this many pixels on a side: the largest any page shows, twice over for dense screens. */
const AVATAR_MAX_SIDE = 1024;
const AVATAR_EXTENSIONS: Readonly<Record<AcceptedImageFormat, string>> = { jpeg: 'jpg', png: 'png', webp: 'webp' };
/** How stored avatars are served, by extension; GIFs were accepted before avatars were re-encoded. */
const AVATAR_MIME_TYPES: Readonly<Record<string, string>> = {
  jpg: IMAGE_MIME_TYPES.jpeg,
  png: IMAGE_MIME_TYPES.png,
  webp: IMAGE_MIME_TYPES.webp,
  gif: 'image/gif',
};

export interface NewAccount {
  email: string;
  username: string;
  passwordHash: string;
  displayName?: string | undefined;
  role?: UserRole;
  emailVerified?: boolean;
}

/** One follow row inserted (delta 1) or deleted (-1), or several of the same pair (their sum). */
export interface FollowCountChange {
  followerId: string;
  followeeId: string;
  delta: number;
}

export class UsersService {
  private readonly repo: UsersRepo;

  constructor(
    private readonly deps: {
      db: Db;
      storage: BlobStorage;
      clock: Clock;
      /** Account creation and name changes are `user.changed` (search indexes names). */
      events: EventPublisher;
      /** A role change ends the access tokens carrying the old role (the auth module's revocation set). */
      accessRevocations: { revokeUser(userId: string): Promise<void> };
    },
  ) {
    this.repo = new UsersRepo(deps.db);
  }

  /** Creates an account; the caller's transaction makes it atomic with its tokens and mails. */
  async create(account: NewAccount, trx?: DbOrTx): Promise<UserRow> {
    const taken = await this.repo.taken(account.email, account.username);
    if (taken.length > 0) throw new AccountTaken(taken);
    const insert = async (tx: DbOrTx) => {
      const row = await this.repo.insert(
        {
          email: account.email,
          username: account.username,
          password_hash: account.passwordHash,
          display_name: account.displayName ?? null,
          role: account.role ?? 'listener',
          email_verified_at: account.emailVerified ? this.deps.clock.now() : null,
        },
        tx,
      );
      await this.deps.events.publish(tx, 'user.changed', { userId: row.id });
      return row;
    };
    try {
      return await (trx ? insert(trx) : this.deps.db.transaction().execute(insert));
    } catch (err) {
      // Two signups racing past the check above: the unique index decides.
      if (isUniqueViolation(err)) throw new AccountTaken(await this.repo.taken(account.email, account.username));
      throw err;
    }
  }

  /** Which of an e-mail and a username already belong to an account (case-insensitively). */
  taken(email: string, username: string): Promise<('email' | 'username')[]> {
    return this.repo.taken(email, username);
  }

  findByLogin(login: string): Promise<UserRow | undefined> {
    return this.repo.byLogin(login);
  }

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.repo.byEmail(email);
  }

  findById(id: string, trx?: DbOrTx): Promise<UserRow | undefined> {
    return this.repo.byId(id, trx);
  }

  setPasswordHash(id: string, hash: string, trx?: DbOrTx): Promise<void> {
    return this.repo.setPasswordHash(id, hash, this.deps.clock.now(), trx);
  }

  markEmailVerified(id: string, trx?: DbOrTx): Promise<void> {
    return this.repo.markEmailVerified(id, this.deps.clock.now(), trx);
  }

  async setRole(id: string, role: UserRole): Promise<void> {
    await this.repo.setRole(id, role);
    await this.deps.accessRevocations.revokeUser(id);
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  /** The account named in a URL (case-insensitively), for other modules acting on it; undefined if none. */
  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.repo.byUsername(username);
  }

  /** Public profiles of these users, by id (for lists other modules keep). */
  async publicProfiles(ids: readonly string[]): Promise<Map<string, PublicProfile>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repo.byIds(ids);
    return new Map(rows.map((row) => [row.id, toPublicProfile(row)]));
  }

  /**
   * Moves follower and following counters in the caller's transaction (the
   * social module changes them with its follow rows, by the rows it
   * changed). Each user's row is updated once, in id order, so two
   * transactions touching the same two users (a follows b while b follows
   * a) lock them in the same order and cannot deadlock.
   */
  async adjustFollowCounts(trx: DbOrTx, changes: readonly FollowCountChange[]): Promise<void> {
    const deltas = new Map<string, { followers: number; following: number }>();
    const at = (id: string) => {
      const entry = deltas.get(id) ?? { followers: 0, following: 0 };
      deltas.set(id, entry);
      return entry;
    };
    for (const { followerId, followeeId, delta } of changes) {
      at(followerId).following += delta;
      at(followeeId).followers += delta;
    }
    const repo = new UsersRepo(trx);
    for (const id of [...deltas.keys()].sort()) {
      const { followers, following } = deltas.get(id)!;
      if (followers !== 0 || following !== 0) await repo.adjustFollowCounts(id, followers, following);
    }
  }

  /** A user's follower count, read in the caller's transaction; undefined if the user is gone. */
  async followerCount(userId: string, trx: DbOrTx): Promise<number | undefined> {
    return (await new UsersRepo(trx).byId(userId))?.follower_count;
  }

  /** Every account in batches (id order): for rebuilding an index. */
  forIndexingAfter(afterId: string | undefined, limit: number): Promise<UserRow[]> {
    return this.repo.after(afterId, limit);
  }

  async me(userId: string): Promise<Me> {
    const row = await this.repo.byId(userId);
    if (!row) throw new UserNotFound();
    return toMe(row);
  }

  /**
   * A listener becomes an artist (anyone may publish music); other roles
   * already can and stay as they are. Access tokens with the old role stop
   * working: the client refreshes to get one with the new role.
   */
  async becomeArtist(userId: string): Promise<Me> {
    const promoted = await this.repo.promote(userId, 'listener', 'artist', this.deps.clock.now());
    if (!promoted) return this.me(userId);
    await this.deps.accessRevocations.revokeUser(userId);
    return toMe(promoted);
  }

  async publicProfile(username: string): Promise<PublicProfile> {
    const row = await this.repo.byUsername(username);
    if (!row) throw new UserNotFound();
    return toPublicProfile(row);
  }

  async updateProfile(userId: string, changes: UpdateProfile): Promise<Me> {
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const updated = await this.repo.updateProfile(
        userId,
        {
          ...(changes.displayName !== undefined ? { display_name: blankToNull(changes.displayName) } : {}),
          ...(changes.bio !== undefined ? { bio: blankToNull(changes.bio) } : {}),
          ...(changes.links !== undefined ? { links: changes.links } : {}),
          ...(changes.likesPublic !== undefined ? { likes_public: changes.likesPublic } : {}),
        },
        this.deps.clock.now(),
        trx,
      );
      if (updated && (changes.displayName !== undefined || changes.bio !== undefined)) {
        await this.deps.events.publish(trx, 'user.changed', { userId });
      }
      return updated;
    });
    if (!row) throw new UserNotFound();
    return toMe(row);
  }

  /**
   * The image is small (≤ 5 MiB) so it is handled in memory: told by its
   * bytes, never its declared type, and stored re-encoded (reencodeImage),
   * so no EXIF or GPS position of the original is ever served.
   */
  async setAvatar(userId: string, image: Buffer): Promise<Me> {
    let reencoded;
    try {
      reencoded = await reencodeImage(image, { maxSide: AVATAR_MAX_SIDE });
    } catch (err) {
      if (err instanceof NotAnImage) throw new InvalidAvatar();
      throw err;
    }
    const before = await this.repo.byId(userId);
    if (!before) throw new UserNotFound();
    const key = `avatars/${userId}/${randomUUID()}.${AVATAR_EXTENSIONS[reencoded.format]}`;
    await this.deps.storage.put(key, reencoded.buffer);
    const row = await this.repo.updateProfile(userId, { avatar_key: key }, this.deps.clock.now());
    if (before.avatar_key) await this.deps.storage.delete(before.avatar_key);
    return toMe(row ?? before);
  }

  async removeAvatar(userId: string): Promise<Me> {
    const before = await this.repo.byId(userId);
    if (!before) throw new UserNotFound();
    const row = await this.repo.updateProfile(userId, { avatar_key: null }, this.deps.clock.now());
    if (before.avatar_key) await this.deps.storage.delete(before.avatar_key);
    return toMe(row ?? before);
  }

  async avatar(username: string): Promise<{ body: Readable; contentType: string; etag: string }> {
    const row = await this.repo.byUsername(username);
    if (!row?.avatar_key) throw new UserNotFound();
    const ext = row.avatar_key.split('.').pop() ?? '';
    return {
      body: await this.deps.storage.get(row.avatar_key),
      contentType: AVATAR_MIME_TYPES[ext] ?? 'application/octet-stream',
      etag: `"${row.avatar_key.split('/').pop()}"`,
    };
  }
}

function blankToNull(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

function avatarUrl(row: UserRow): string | null {
  if (!row.avatar_key) return null;
  const version = row.avatar_key.split('/').pop()?.split('.')[0]?.slice(0, 8) ?? '';
  return `/api/v1/users/${encodeURIComponent(row.username)}/avatar?v=${version}`;
}

export function toPublicProfile(row: UserRow): PublicProfile {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    links: row.links,
    avatarUrl: avatarUrl(row),
    role: row.role,
    followerCount: row.follower_count,
    followingCount: row.following_count,
    likesPublic: row.likes_public,
    createdAt: row.created_at.toISOString(),
  };
}

export function toMe(row: UserRow): Me {
  return { ...toPublicProfile(row), email: row.email, emailVerified: row.email_verified_at !== null };
}
