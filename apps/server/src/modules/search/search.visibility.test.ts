import { describe, expect, it } from 'vitest';
import type { TrackStatus, TrackVisibility } from '@/modules/tracks/tracks.tables';
import { createTestApp } from '../../../test/app';

const { app, c, given, deliverEvents } = await createTestApp();
const owner = await given.artist();
const viewers = {
  anonymous: undefined,
  owner,
  stranger: await given.user(),
  admin: await given.admin(),
};
const sessions = Object.fromEntries(
  await Promise.all(
    Object.entries(viewers).map(async ([name, user]) => [name, user ? (await given.session(user)).auth : {}] as const),
  ),
);
type ViewerName = keyof typeof viewers;

const STATUSES: TrackStatus[] = ['processing', 'ready', 'failed'];
const VISIBILITIES: TrackVisibility[] = ['public', 'unlisted', 'private'];
const cases = STATUSES.flatMap((status) => VISIBILITIES.map((visibility) => ({ status, visibility })));
const tracks = await Promise.all(
  cases.map(async (x) => ({
    ...x,
    title: `Zanzibar ${x.status} ${x.visibility}`,
    id: (await given.track({ owner, ...x, title: `Zanzibar ${x.status} ${x.visibility}`, files: false })).id,
  })),
);
const deleted = await given.track({ owner, title: 'Zanzibar deleted public', files: false });
await c.services.search.reindexAll();
const gone = await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${deleted.id}`, headers: sessions.owner });
expect(gone.statusCode).toBe(204);

/**
 * The rule for search, spelled out: ready tracks that are public, plus the
 * viewer's own ready ones (unlisted and private). Admins search like
 * anyone: finding is not moderating.
 */
function mayFind(viewer: ViewerName, t: { status: TrackStatus; visibility: TrackVisibility }): boolean {
  if (t.status !== 'ready') return false;
  return t.visibility === 'public' || viewer === 'owner';
}

async function searched(viewer: ViewerName, q = 'zanzibar'): Promise<string[]> {
  const res = await app.inject({
    url: '/api/v1/search',
    query: { q, type: 'tracks', limit: '50' },
    headers: sessions[viewer],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<{ tracks: { items: { title: string }[] } }>()
    .tracks.items.map((i) => i.title)
    .sort();
}

async function suggested(viewer: ViewerName, q = 'zanz'): Promise<string[]> {
  const res = await app.inject({ url: '/api/v1/search/suggest', query: { q }, headers: sessions[viewer] });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<{ items: { kind: string; track?: { title: string } }[] }>()
    .items.flatMap((i) => (i.track ? [i.track.title] : []))
    .sort();
}

const expected = (viewer: ViewerName) =>
  tracks
    .filter((t) => mayFind(viewer, t))
    .map((t) => t.title)
    .sort();

describe('what search and suggest may show', () => {
  it.each(
    tracks.flatMap((t) =>
      (Object.keys(viewers) as ViewerName[]).map(
        (viewer) => [viewer, t.status, t.visibility, mayFind(viewer, t)] as const,
      ),
    ),
  )('as %s, a %s %s track is found: %s', async (viewer, status, visibility, found) => {
    const title = `Zanzibar ${status} ${visibility}`;
    expect((await searched(viewer)).includes(title)).toBe(found);
    expect((await suggested(viewer)).includes(title)).toBe(found);
  });

  it.each(Object.keys(viewers) as ViewerName[])(
    'as %s, search and suggest show exactly what the rule allows',
    async (viewer) => {
      expect(await searched(viewer)).toEqual(expected(viewer));
      expect(await suggested(viewer)).toEqual(expected(viewer));
    },
  );

  it('never shows a deleted track, even before the index hears of it', async () => {
    for (const viewer of Object.keys(viewers) as ViewerName[]) {
      expect(await searched(viewer)).not.toContain('Zanzibar deleted public');
    }
    await deliverEvents();
    const left = await c.db.selectFrom('search_documents').select('id').where('id', '=', deleted.id).execute();
    expect(left).toEqual([]);
  });

  it('the tracks module has the last word: a leaky index still shows nothing hidden', async () => {
    // Every document claims to be public and ready, as a stale or broken index might.
    await c.db.updateTable('search_documents').set({ visibility: 'public', available: true }).execute();
    for (const viewer of Object.keys(viewers) as ViewerName[]) {
      expect(await searched(viewer)).toEqual(expected(viewer));
      expect(await suggested(viewer)).toEqual(expected(viewer));
    }
    await c.services.search.reindexAll();
  });

  it('follows a visibility change once its event is delivered, and hides it at once', async () => {
    const track = tracks.find((t) => t.status === 'ready' && t.visibility === 'public');
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/tracks/${track?.id}`,
      headers: sessions.owner,
      payload: { visibility: 'private' },
    });
    expect(res.statusCode).toBe(200);
    expect(await searched('stranger')).not.toContain('Zanzibar ready public');
    await deliverEvents();
    const doc = await c.db
      .selectFrom('search_documents')
      .select('visibility')
      .where('id', '=', track?.id ?? '')
      .executeTakeFirst();
    expect(doc?.visibility).toBe('private');
    expect(await searched('owner')).toContain('Zanzibar ready public');
    expect(await searched('stranger')).not.toContain('Zanzibar ready public');
  });
});
