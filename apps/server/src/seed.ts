import { randomBytes } from 'node:crypto';
import type { Container } from '@/container';
import type { UserRole } from '@/platform/db/schema';
import { hashPassword } from '@/modules/auth/auth.passwords';
import { isLoopbackHost } from '@/platform/http/loopback';
import { seedDemoTracks } from '@/seed-tracks';

export const DEMO_PASSWORD = 'veza-demo-password';
export const DEMO_ACCOUNTS: { username: string; email: string; role: UserRole; displayName: string }[] = [
  { username: 'admin', email: 'admin@veza.local', role: 'admin', displayName: 'Veza Admin' },
  { username: 'demo_artist', email: 'artist@veza.local', role: 'artist', displayName: 'Demo Artist' },
  { username: 'demo_listener', email: 'listener@veza.local', role: 'listener', displayName: 'Demo Listener' },
];

export interface DemoSeed {
  artistId: string;
  /** The admin's generated password, to show once; null when it is the documented DEMO_PASSWORD. */
  adminPassword: string | null;
}

/**
 * Demo accounts for a newcomer's first start; only ever on an empty
 * database. Answers the demo artist's id, whose tracks `seedDemoTracks`
 * adds once the job queue runs (their processing is queued as they land).
 * A server others can reach (HOST not loopback) must not have an admin
 * whose password is in the README: its admin gets a random one, which the
 * caller shows once and nothing stores.
 */
export async function seedDemoContent(c: Container): Promise<DemoSeed | null> {
  if ((await c.services.users.count()) > 0) return null;
  const adminPassword = isLoopbackHost(c.config.host) ? null : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const adminHash = adminPassword ? await hashPassword(adminPassword) : passwordHash;
  let artistId: string | null = null;
  for (const account of DEMO_ACCOUNTS) {
    const user = await c.services.users.create({
      ...account,
      passwordHash: account.role === 'admin' ? adminHash : passwordHash,
      emailVerified: true,
    });
    if (account.role === 'artist') artistId = user.id;
  }
  c.log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.username) }, 'demo accounts created');
  if (!artistId) throw new Error('DEMO_ACCOUNTS has no artist');
  return { artistId, adminPassword };
}

export async function seedDemoTrackList(c: Container, artistId: string): Promise<void> {
  const created = await seedDemoTracks(c, artistId);
  c.log.info({ tracks: created }, 'demo tracks uploaded; processing them');
}
