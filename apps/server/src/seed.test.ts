import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/app';
import { startBanner } from './banner';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoContent, seedDemoTrackList } from './seed';

describe('demo content', () => {
  it('creates the demo accounts and playable tracks on an empty database, and nothing on a second run', async () => {
    const { c, app } = await createTestApp();
    const seeded = await seedDemoContent(c);
    expect(seeded).toEqual({ artistId: expect.any(String), adminPassword: null });
    await seedDemoTrackList(c, seeded!.artistId);
    expect(await seedDemoContent(c)).toBeNull();
    expect(await c.services.users.count()).toBe(DEMO_ACCOUNTS.length);

    const tracks = await c.db.selectFrom('tracks').select(['id', 'status', 'title']).execute();
    expect(tracks.length).toBeGreaterThanOrEqual(3);
    expect(tracks.every((t) => t.status === 'processing')).toBe(true);
    await c.jobs.runOnce('tracks.process', { trackId: tracks[0]!.id });
    const listed = (await app.inject({ url: '/api/v1/tracks' })).json<{
      items: { title: string; coverUrl: string | null }[];
    }>();
    expect(listed.items).toMatchObject([{ title: tracks[0]!.title, coverUrl: expect.any(String) }]);
  }, 60_000);

  it('keeps the documented admin password on a server bound to this machine', async () => {
    const { c, given } = await createTestApp({ DEMO_CONTENT: 'true' });
    expect(c.config.host).toBe('127.0.0.1');
    const seeded = await seedDemoContent(c);
    expect(seeded?.adminPassword).toBeNull();
    await expect(given.session({ username: 'admin' }, DEMO_PASSWORD)).resolves.toBeDefined();
    expect(startBanner(c.config, { seeded })).toContain(`password "${DEMO_PASSWORD}"`);
  });

  it('gives the admin of a server open to the network a random password, shown once', async () => {
    const { c, given } = await createTestApp({ HOST: '0.0.0.0', DEMO_CONTENT: 'true' });
    const seeded = await seedDemoContent(c);
    const password = seeded?.adminPassword;
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(password).not.toBe(DEMO_PASSWORD);

    await expect(given.session({ username: 'admin' }, DEMO_PASSWORD)).rejects.toThrow(/401/);
    await expect(given.session({ username: 'admin' }, password!)).resolves.toBeDefined();
    // The other demo accounts keep the documented password: they cannot administer anything.
    await expect(given.session({ username: 'demo_artist' }, DEMO_PASSWORD)).resolves.toBeDefined();

    const first = startBanner(c.config, { seeded });
    expect(first.split(password!)).toHaveLength(2);
    expect(first).toMatch(/admin\s+admin \/ admin@veza\.local, password "[^"]+" \(shown only this once\)/);
    // The next start seeds nothing, and has nothing to show but where the password went.
    expect(await seedDemoContent(c)).toBeNull();
    const later = startBanner(c.config, { seeded: null });
    expect(later).not.toContain(password!);
    expect(later).toContain('its password was printed at first start');
  });
});
