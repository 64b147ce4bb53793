import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import { PlaysRepo } from './plays.repo';

const { app, c, clock, given } = await createTestApp();
const plays = new PlaysRepo(c.db);
const artist = await given.artist();
const artistAuth = (await given.session(artist)).auth;

type History = {
  items: { id: string; playedAt: string; track: { id: string; title: string } }[];
  nextCursor: string | null;
};

async function listener() {
  const user = await given.user();
  return { user, auth: (await given.session(user)).auth };
}

/** One counted play per track, a second apart (sessions last 15 minutes of the fake clock), in this order. */
async function played(userId: string, trackIds: string[]) {
  for (const trackId of trackIds) {
    clock.advance(1000);
    await plays.addToHistory({ userId, trackId, playedAt: clock.now(), listenedMs: 30_000 });
  }
}

const history = (auth: { authorization: string } | undefined, query = '') =>
  app.inject({ method: 'GET', url: `/api/v1/me/history${query}`, headers: { ...auth } });

describe('listening history', () => {
  it('lists my plays newest first, page by page, and nobody else’s', async () => {
    const me = await listener();
    const someone = await listener();
    const [a, b, c3] = [
      await given.track({ owner: artist, title: 'A' }),
      await given.track({ owner: artist, title: 'B' }),
      await given.track({ owner: artist, title: 'C' }),
    ];
    await played(me.user.id, [a.id, b.id, a.id, c3.id]);
    await played(someone.user.id, [b.id]);

    const first = (await history(me.auth, '?limit=3')).json<History>();
    expect(first.items.map((e) => e.track.title)).toEqual(['C', 'A', 'B']);
    expect(first.items[0]?.track).toMatchObject({ id: c3.id, artist: { username: artist.username } });
    const second = (await history(me.auth, `?limit=3&cursor=${first.nextCursor}`)).json<History>();
    expect(second).toMatchObject({ items: [{ track: { title: 'A' } }], nextCursor: null });
  });

  it('leaves out tracks I may no longer see, still filling the page', async () => {
    const me = await listener();
    const shown = await given.track({ owner: artist, title: 'Shown' });
    const hidden = await Promise.all(Array.from({ length: 6 }, () => given.track({ owner: artist, title: 'Gone' })));
    const failed = await given.track({ owner: artist, status: 'failed', title: 'Gone' });
    await played(me.user.id, [shown.id, shown.id, ...hidden.map((t) => t.id), failed.id]);
    for (const track of hidden.slice(0, 3)) {
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/tracks/${track.id}`,
        headers: artistAuth,
        payload: { visibility: 'private' },
      });
    }
    for (const track of hidden.slice(3)) {
      await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${track.id}`, headers: artistAuth });
    }
    const res = await history(me.auth, '?limit=2');
    expect(res.body).not.toContain('Gone');
    expect(res.json<History>()).toMatchObject({
      items: [{ track: { title: 'Shown' } }, { track: { title: 'Shown' } }],
    });
    // The artist sees their own private track in their history.
    await played(artist.id, [hidden[0]!.id]);
    expect((await history(artistAuth)).json<History>().items.map((e) => e.track.id)).toEqual([hidden[0]!.id]);
  });

  it('clears it, while the artist’s statistics keep the plays', async () => {
    const me = await listener();
    const track = await given.track({ owner: artist });
    const statsBefore = (await app.inject({ method: 'GET', url: '/api/v1/me/stats/plays', headers: artistAuth })).json<{
      total: number;
    }>();
    await played(me.user.id, [track.id, track.id]);
    const cleared = await app.inject({ method: 'DELETE', url: '/api/v1/me/history', headers: me.auth });
    expect(cleared.statusCode).toBe(204);
    expect((await history(me.auth)).json<History>()).toEqual({ items: [], nextCursor: null });
    const statsAfter = (await app.inject({ method: 'GET', url: '/api/v1/me/stats/plays', headers: artistAuth })).json<{
      total: number;
    }>();
    expect(statsAfter.total).toBe(statsBefore.total + 2);
  });

  it('answers 4xx problems for bad requests', async () => {
    const me = await listener();
    expectProblem(await history(undefined), 401);
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/v1/me/history' }), 401);
    expectProblem(await history(me.auth, '?cursor=nonsense'), 400, 'VALIDATION_FAILED');
    expectProblem(await history(me.auth, '?limit=0'), 400, 'VALIDATION_FAILED');
    expectProblem(await history(me.auth, '?limit=101'), 400, 'VALIDATION_FAILED');
    expectProblem(await history(me.auth, '?sort=asc'), 400, 'VALIDATION_FAILED');
  });
});
