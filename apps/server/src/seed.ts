import type { Container } from '@/container';
import type { UserRole } from '@/platform/db/schema';
import { hashPassword } from '@/modules/auth/auth.passwords';

export const DEMO_PASSWORD = 'veza-demo-password';
export const DEMO_ACCOUNTS: { username: string; email: string; role: UserRole; displayName: string }[] = [
  { username: 'admin', email: 'admin@veza.local', role: 'admin', displayName: 'Veza Admin' },
  { username: 'demo_artist', email: 'artist@veza.local', role: 'artist', displayName: 'Demo Artist' },
  { username: 'demo_listener', email: 'listener@veza.local', role: 'listener', displayName: 'Demo Listener' },
];

/** Demo content for a newcomer's first start; only ever on an empty database. */
export async function seedDemoContent(c: Container): Promise<boolean> {
  if ((await c.services.users.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    await c.services.users.create({ ...account, passwordHash, emailVerified: true });
  }
  c.log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.username) }, 'demo accounts created');
  return true;
}
