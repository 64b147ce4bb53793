import { beforeAll, describe, expect, it } from 'vitest';
import { TracksRepo } from '@/modules/tracks/tracks.repo';
import type { TrackRow } from '@/modules/tracks/tracks.tables';
import { createTestApp, expectProblem } from '../../../test/app';

const { app, c, clock, given } = await createTestApp();
const DAY = 86_400_000;

type Sections = {
  trending: { plays: number; track: { title: string } }[];
  newReleases: { title: string }[];
  genres: { genre: string; trackCount: number }[];
};

async function sections(headers: Record<string, string> = {}): Promise<Sections> {
  const res = await app.inject({ url: '/api/v1/discover', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Sections>();
}

/** Counted plays as the plays module records them, `daysAgo` before the clock's now. */
async function played(track: TrackRow, times: number, daysAgo = 0) {
  const at = new Date(clock.now().getTime() - daysAgo * DAY);
  await c.db
    .insertInto('playback_history')
    .values(
      Array.from({ length: times }, () => ({ track_id: track.id, user_id: null, played_at: at, listened_ms: 40_000 })),
    )
    .execute();
}

/**
 * A group's data, made when the group starts rather than while the file is
 * collected: a test that moves the clock must not run in the middle of
 * another group's setup.
 */
function groupSetup<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  beforeAll(async () => {
    made = make();
    await made;
  });
  return () => made ?? Promise.reject(new Error('group setup has not run'));
}

const artist = await given.artist({ username: 'heron_artist' });
const other = await given.artist({ username: 'egret_artist' });
const listener = await given.user();
const sessions = {
  artist: (await given.session(artist)).auth,
  other: (await given.session(other)).auth,
  listener: (await given.session(listener)).auth,
};
const track = (title: string, opts: Parameters<typeof given.track>[0] = {}) =>
  given.track({ owner: artist, title, files: false, ...opts });

describe('trending', () => {
  const setup = groupSetup(async () => {
    const steady = await track('Heron Steady');
    const hit = await track('Heron Hit');
    const oldie = await track('Heron Oldie');
    const secret = await track('Heron Secret', { visibility: 'private' });
    const unlisted = await track('Heron Unlisted', { visibility: 'unlisted' });
    const egret = await given.track({ owner: other, title: 'Egret Echo', files: false });
    await played(hit, 9);
    await played(steady, 4, 1);
    await played(steady, 2, 6);
    await played(oldie, 50, 8); // outside the week
    await played(oldie, 1, 2);
    await played(secret, 20);
    await played(unlisted, 15);
    await played(egret, 3);
    await c.services.discover.refreshTrending();
    return { egret };
  });

  it('orders tracks by plays in the last 7 days, counting only what the viewer may find', async () => {
    await setup();
    const { trending } = await sections();
    expect(trending.map((t) => [t.track.title, t.plays])).toEqual([
      ['Heron Hit', 9],
      ['Heron Steady', 6],
      ['Egret Echo', 3],
      ['Heron Oldie', 1],
    ]);
    // Their owner finds their own private and unlisted tracks, as in search.
    const own = (await sections(sessions.artist)).trending.map((t) => t.track.title);
    expect(own.slice(0, 2)).toEqual(['Heron Secret', 'Heron Unlisted']);
  });

  it('moves with the clock: a week later, the old plays no longer count once refreshed', async () => {
    const { egret } = await setup();
    clock.advance(6.5 * DAY);
    try {
      await played(egret, 1);
      await c.services.discover.refreshTrending();
      // Steady's plays of 1 and 6 days ago and Oldie's of 2 days ago have left the week.
      const { trending } = await sections();
      expect(trending.map((t) => [t.track.title, t.plays])).toEqual([
        ['Heron Hit', 9],
        ['Egret Echo', 4],
      ]);
    } finally {
      clock.advance(-6.5 * DAY);
      await c.services.discover.refreshTrending();
    }
  });

  it('refreshes from the job too, and hides a track made private since at once', async () => {
    await setup();
    await c.jobs.runOnce('discover.refresh-trending', {});
    const hit = (await sections()).trending[0]!;
    expect(hit.track.title).toBe('Heron Hit');
    const [row] = await c.db.selectFrom('tracks').select('id').where('title', '=', 'Heron Hit').execute();
    await new TracksRepo(c.db, c.clock).update(row!.id, { visibility: 'private' });
    expect((await sections()).trending.map((t) => t.track.title)).not.toContain('Heron Hit');
    await new TracksRepo(c.db, c.clock).update(row!.id, { visibility: 'public' });
  });

  it('leaves out people a block stands between the viewer and', async () => {
    await setup();
    const block = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/egret_artist/block',
      headers: sessions.listener,
    });
    expect(block.statusCode).toBe(200);
    const seen = await sections(sessions.listener);
    expect(seen.trending.map((t) => t.track.title)).not.toContain('Egret Echo');
    expect(seen.newReleases.map((t) => t.title)).not.toContain('Egret Echo');
    const seenByBlocked = await sections(sessions.other);
    expect(seenByBlocked.trending.map((t) => t.track.title)).toContain('Egret Echo');
    await app.inject({ method: 'DELETE', url: '/api/v1/users/egret_artist/block', headers: sessions.listener });
  });
});

describe('new releases, genres and profiles', () => {
  const setup = groupSetup(async () => {
    const genreArtist = await given.artist({ username: 'ibis_artist' });
    const repo = new TracksRepo(c.db, c.clock);
    const made: Record<string, TrackRow> = {};
    for (const [title, genre, visibility] of [
      ['Ibis One', 'Jazz', 'public'],
      ['Ibis Two', 'jazz', 'public'],
      ['Ibis Three', 'Jazz', 'public'],
      ['Ibis Four', 'Folk', 'public'],
      ['Ibis Hidden', 'Jazz', 'unlisted'],
    ] as const) {
      clock.advance(1000);
      made[title] = await given.track({ owner: genreArtist, title, visibility, files: false });
      await repo.update(made[title].id, { genre });
    }
    return made;
  });

  it('new releases are the newest public ready tracks', async () => {
    await setup();
    await given.track({ owner: artist, title: 'Heron Processing', status: 'processing', files: false });
    const { newReleases } = await sections();
    expect(newReleases.slice(0, 4).map((t) => t.title)).toEqual(['Ibis Four', 'Ibis Three', 'Ibis Two', 'Ibis One']);
    expect(newReleases.map((t) => t.title)).not.toContain('Heron Processing');
  });

  it('lists genres with counts, case folded, and a genre page newest first with a cursor', async () => {
    await setup();
    const { genres } = await sections();
    expect(genres).toEqual([
      { genre: 'Jazz', trackCount: 3 },
      { genre: 'Folk', trackCount: 1 },
    ]);
    const first = await app.inject({ url: '/api/v1/discover/genres/JAZZ', query: { limit: '2' } });
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json<{ genre: string; items: { title: string }[]; nextCursor: string }>();
    expect(page.items.map((t) => t.title)).toEqual(['Ibis Three', 'Ibis Two']);
    const next = await app.inject({
      url: '/api/v1/discover/genres/jazz',
      query: { limit: '2', cursor: page.nextCursor },
    });
    expect(next.json()).toMatchObject({ items: [{ title: 'Ibis One' }], nextCursor: null });
    const none = await app.inject({ url: '/api/v1/discover/genres/polka' });
    expect(none.json()).toEqual({ genre: 'polka', items: [], nextCursor: null });
  });

  it("lists a user's tracks: public ones to others, all ready ones to themselves", async () => {
    await setup();
    const titles = async (headers: Record<string, string>) => {
      const res = await app.inject({ url: '/api/v1/users/heron_artist/tracks', query: { limit: '50' }, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { title: string }[] }>().items.map((t) => t.title);
    };
    const others = await titles(sessions.listener);
    expect(others).toContain('Heron Steady');
    expect(others).not.toContain('Heron Secret');
    expect(others).not.toContain('Heron Unlisted');
    expect(others).not.toContain('Heron Processing');
    const own = await titles(sessions.artist);
    expect(own).toEqual(expect.arrayContaining(['Heron Secret', 'Heron Unlisted']));
    expect(own).not.toContain('Heron Processing');
  });

  it('answers bad input with 4xx problems', async () => {
    expectProblem(await app.inject({ url: '/api/v1/discover/genres/%20' }), 400, 'VALIDATION_FAILED');
    expectProblem(await app.inject({ url: `/api/v1/discover/genres/${'x'.repeat(51)}` }), 400, 'VALIDATION_FAILED');
    expectProblem(await app.inject({ url: '/api/v1/discover/genres/jazz', query: { cursor: 'nope' } }), 400);
    expectProblem(await app.inject({ url: '/api/v1/discover/genres/jazz', query: { limit: '500' } }), 400);
    expectProblem(await app.inject({ url: '/api/v1/users/nobody_at_all/tracks' }), 404, 'USER_NOT_FOUND');
  });
});
