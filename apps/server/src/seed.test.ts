import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/app';
import { DEMO_ACCOUNTS, seedDemoContent, seedDemoTrackList } from './seed';

describe('demo content', () => {
  it('creates the demo accounts and playable tracks on an empty database, and nothing on a second run', async () => {
    const { c, app } = await createTestApp();
    const artistId = await seedDemoContent(c);
    expect(artistId).toEqual(expect.any(String));
    await seedDemoTrackList(c, artistId!);
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
});
