import { describe, expect, it } from 'vitest';
import type { TrackStatus, TrackVisibility } from './tracks.tables';
import { createTestApp } from '../../../test/app';

const { app, given } = await createTestApp();
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

const STATUSES: TrackStatus[] = ['processing', 'ready', 'failed'];
const VISIBILITIES: TrackVisibility[] = ['public', 'unlisted', 'private'];
const cases = STATUSES.flatMap((status) => VISIBILITIES.map((visibility) => ({ status, visibility })));
const tracks = await Promise.all(
  cases.map(async (c) => ({ ...c, id: (await given.track({ owner, ...c, title: `${c.status} ${c.visibility}` })).id })),
);

/** The rule, spelled out once more on purpose: the SQL fragment must agree with it. */
function maySee(viewer: keyof typeof viewers, t: { status: TrackStatus; visibility: TrackVisibility }): boolean {
  if (viewer === 'owner' || viewer === 'admin') return true;
  return t.status === 'ready' && t.visibility !== 'private';
}

describe('which tracks a viewer may see', () => {
  for (const viewer of Object.keys(viewers) as (keyof typeof viewers)[]) {
    it(`fetches exactly what the rule allows, as ${viewer}`, async () => {
      const seen = await Promise.all(
        tracks.map(
          async (t) => (await app.inject({ url: `/api/v1/tracks/${t.id}`, headers: sessions[viewer] })).statusCode,
        ),
      );
      expect(seen).toEqual(tracks.map((t) => (maySee(viewer, t) ? 200 : 404)));
    });

    it(`lists only ready public tracks in the catalogue, as ${viewer}`, async () => {
      const list = (await app.inject({ url: '/api/v1/tracks?limit=50', headers: sessions[viewer] })).json<{
        items: { title: string }[];
      }>();
      expect(list.items.map((i) => i.title)).toEqual(['ready public']);
    });
  }

  it('lists all of an artist’s own tracks on their page, whatever their state', async () => {
    const mine = (await app.inject({ url: '/api/v1/me/tracks?limit=50', headers: sessions.owner })).json<{
      items: { title: string }[];
    }>();
    expect(mine.items.map((i) => i.title).sort()).toEqual(cases.map((c) => `${c.status} ${c.visibility}`).sort());
  });
});
