import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '@/platform/clock/clock';
import type { Db, DbOrTx } from '@/platform/db/db';
import type { UserRole } from '@/platform/db/schema';
import type { UserRow } from './users.tables';
import type { BlobStorage } from '@/platform/storage/storage';
import { AccountTaken, InvalidAvatar, UserNotFound } from './users.errors';
import { UsersRepo } from './users.repo';
import type { Me, PublicProfile, UpdateProfile } from './users.schemas';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

const IMAGE_TYPES = [
  {
    ext: 'png',
    mime: 'image/png',
    magic: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  },
  { ext: 'jpg', mime: 'image/jpeg', magic: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', mime: 'image/gif', magic: (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    ext: 'webp',
    mime: 'image/webp',
    magic: (b: Buffer) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
] as const;

export interface NewAccount {
  email: string;
  username: string;
  passwordHash: string;
  displayName?: string | undefined;
  role?: UserRole;
  emailVerified?: boolean;
}

export class UsersService {
  private readonly repo: UsersRepo;

  constructor(
    private readonly deps: {
      db: Db;
      storage: BlobStorage;
      clock: Clock;
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
    try {
      return await this.repo.insert(
        {
          email: account.email,
          username: account.username,
          password_hash: account.passwordHash,
          display_name: account.displayName ?? null,
          role: account.role ?? 'listener',
          email_verified_at: account.emailVerified ? this.deps.clock.now() : null,
        },
        trx,
      );
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
    const row = await this.repo.updateProfile(
      userId,
      {
        ...(changes.displayName !== undefined ? { display_name: blankToNull(changes.displayName) } : {}),
        ...(changes.bio !== undefined ? { bio: blankToNull(changes.bio) } : {}),
        ...(changes.links !== undefined ? { links: changes.links } : {}),
      },
      this.deps.clock.now(),
    );
    if (!row) throw new UserNotFound();
    return toMe(row);
  }

  /** The image is small (≤ 5 MiB) so it is sniffed in memory, never trusted by its declared type. */
  async setAvatar(userId: string, image: Buffer): Promise<Me> {
    const type = IMAGE_TYPES.find((t) => t.magic(image));
    if (!type) throw new InvalidAvatar();
    const before = await this.repo.byId(userId);
    if (!before) throw new UserNotFound();
    const key = `avatars/${userId}/${randomUUID()}.${type.ext}`;
    await this.deps.storage.put(key, image);
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
    const ext = row.avatar_key.split('.').pop();
    const type = IMAGE_TYPES.find((t) => t.ext === ext);
    return {
      body: await this.deps.storage.get(row.avatar_key),
      contentType: type?.mime ?? 'application/octet-stream',
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
    createdAt: row.created_at.toISOString(),
  };
}

export function toMe(row: UserRow): Me {
  return { ...toPublicProfile(row), email: row.email, emailVerified: row.email_verified_at !== null };
}
