import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import { PostgresSearchIndex } from './postgres-search-index';

const { app, c, clock, given } = await createTestApp();
const index = new PostgresSearchIndex(c.db, c.clock);

async function trackPlayed(title: string, plays: number) {
  clock.advance(1000);
  const track = await given.track({ title, files: false });
  await c.db.updateTable('tracks').set({ play_count: plays }).where('id', '=', track.id).execute();
  return track;
}

async function hotTitles(): Promise<string[]> {
  const rows = await c.db
    .selectFrom('search_documents')
    .select('title')
    .where('kind', '=', 'track')
    .where('hot', '=', true)
    .where('title', 'like', 'Cobalt%')
    .orderBy('title')
    .execute();
  return rows.map((r) => r.title);
}

async function searched(q: string): Promise<string[]> {
  const res = await app.inject({ url: '/api/v1/search', query: { q, type: 'tracks' } });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<{ tracks: { items: { title: string }[] } }>()
    .tracks.items.map((t) => t.title)
    .sort();
}

describe('search tiers', () => {
  it('puts the most played tracks first in line, places new ones by the edge, and still finds the rest', async () => {
    await trackPlayed('Cobalt Anthem', 900);
    await trackPlayed('Cobalt Ballad', 500);
    await trackPlayed('Cobalt Coda', 20);
    await c.services.search.reindexAll();
    // While there are fewer tracks than the tier holds, every track is in it.
    await index.refreshHotTier(1_000_000);
    expect(await hotTitles()).toEqual(['Cobalt Anthem', 'Cobalt Ballad', 'Cobalt Coda']);

    // The test database holds other tracks (0 plays): the two most played are these.
    const { moved } = await index.refreshHotTier(2);
    expect(moved).toBeGreaterThanOrEqual(1);
    expect(await hotTitles()).toEqual(['Cobalt Anthem', 'Cobalt Ballad']);
    expect((await index.refreshHotTier(2)).moved).toBe(0);

    // A document written later takes its tier from the edge the last refresh set.
    await trackPlayed('Cobalt Dawn', 1000);
    await trackPlayed('Cobalt Echo', 3);
    await c.services.search.reindexAll();
    expect(await hotTitles()).toEqual(['Cobalt Anthem', 'Cobalt Ballad', 'Cobalt Dawn']);

    // Fewer first-tier candidates than a page of them: the rest are searched too.
    expect(await searched('cobalt')).toEqual([
      'Cobalt Anthem',
      'Cobalt Ballad',
      'Cobalt Coda',
      'Cobalt Dawn',
      'Cobalt Echo',
    ]);
    expect(await searched('coda')).toEqual(['Cobalt Coda']);
  });
});
