import type { Container } from '@/container';
import type { UserRole } from '@/platform/db/schema';
import { hashPassword } from '@/modules/auth/auth.passwords';
import { seedDemoTracks } from '@/seed-tracks';

export const DEMO_PASSWORD = 'veza-demo-password';
export const DEMO_ACCOUNTS: { username: string; email: string; role: UserRole; displayName: string }[] = [
  { username: 'admin', email: 'admin@veza.local', role: 'admin', displayName: 'Veza Admin' },
  { username: 'demo_artist', email: 'artist@veza.local', role: 'artist', displayName: 'Demo Artist' },
  { username: 'demo_listener', email: 'listener@veza.local', role: 'listener', displayName: 'Demo Listener' },
];

/**
 * Demo accounts for a newcomer's first start; only ever on an empty
 * database. Answers the demo artist's id, whose tracks `seedDemoTracks`
 * adds once the job queue runs (their processing is queued as they land).
 */
export async function seedDemoContent(c: Container): Promise<string | null> {
  if ((await c.services.users.count()) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let artistId: string | null = null;
  for (const account of DEMO_ACCOUNTS) {
    const user = await c.services.users.create({ ...account, passwordHash, emailVerified: true });
    if (account.role === 'artist') artistId = user.id;
  }
  c.log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.username) }, 'demo accounts created');
  return artistId;
}

export async function seedDemoTrackList(c: Container, artistId: string): Promise<void> {
  const created = await seedDemoTracks(c, artistId);
  c.log.info({ tracks: created }, 'demo tracks uploaded; processing them');
}
