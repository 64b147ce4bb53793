import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';

const { app, c, given, deliverEvents } = await createTestApp();

type Results = {
  tracks?: { items: { title: string; playCount: number }[]; nextCursor: string | null };
  users?: { items: { username: string }[] };
  playlists?: { items: { title: string }[] };
};

async function search(query: Record<string, string>, headers: Record<string, string> = {}): Promise<Results> {
  const res = await app.inject({ url: '/api/v1/search', query, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Results>();
}

async function suggest(q: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await app.inject({ url: '/api/v1/search/suggest', query: { q }, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<{
      items: { kind: string; track?: { title: string }; user?: { username: string }; playlist?: { title: string } }[];
    }>()
    .items.map((i) => `${i.kind}:${i.track?.title ?? i.user?.username ?? i.playlist?.title ?? ''}`)
    .sort();
}

describe('blocks hide people and their things from search and suggest, both ways', () => {
  const setup = (async () => {
    const blocker = await given.user({ username: 'ocelot_blocker' });
    const blocked = await given.artist({ username: 'ocelot_artist' });
    const bystander = await given.user();
    await given.track({ owner: blocked, title: 'Ocelot Overture', files: false });
    const sessions = {
      blocker: (await given.session(blocker)).auth,
      blocked: (await given.session(blocked)).auth,
      bystander: (await given.session(bystander)).auth,
    };
    const playlist = await app.inject({
      method: 'POST',
      url: '/api/v1/playlists',
      headers: sessions.blocked,
      payload: { title: 'Ocelot outtakes', visibility: 'public' },
    });
    expect(playlist.statusCode).toBe(201);
    await c.services.search.reindexAll();
    await deliverEvents();
    const block = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/ocelot_artist/block',
      headers: sessions.blocker,
    });
    expect(block.statusCode, block.body).toBe(200);
    return sessions;
  })();

  it('the blocker no longer finds the blocked user, their tracks or playlists', async () => {
    const { blocker } = await setup;
    const found = await search({ q: 'ocelot' }, blocker);
    expect(found.users?.items.map((u) => u.username)).toEqual(['ocelot_blocker']);
    expect(found.tracks?.items).toEqual([]);
    expect(found.playlists?.items).toEqual([]);
    expect(await suggest('ocel', blocker)).toEqual(['user:ocelot_blocker']);
  });

  it('the blocked user no longer finds the one who blocked them', async () => {
    const { blocked } = await setup;
    const found = await search({ q: 'ocelot', type: 'users' }, blocked);
    expect(found.users?.items.map((u) => u.username)).toEqual(['ocelot_artist']);
    expect(await suggest('ocel', blocked)).toEqual([
      'playlist:Ocelot outtakes',
      'track:Ocelot Overture',
      'user:ocelot_artist',
    ]);
  });

  it('others, and anonymous listeners, still find everyone', async () => {
    const { bystander } = await setup;
    for (const headers of [bystander, {}]) {
      expect(await suggest('ocel', headers)).toEqual([
        'playlist:Ocelot outtakes',
        'track:Ocelot Overture',
        'user:ocelot_artist',
        'user:ocelot_blocker',
      ]);
    }
  });

  it('lifting the block shows them again', async () => {
    const { blocker } = await setup;
    const lift = await app.inject({ method: 'DELETE', url: '/api/v1/users/ocelot_artist/block', headers: blocker });
    expect(lift.statusCode).toBe(200);
    expect(await suggest('ocel', blocker)).toHaveLength(4);
  });
});

describe('sort=plays orders by the current play counts', () => {
  const setup = (async () => {
    const artist = await given.artist();
    const tracks = await Promise.all(
      ['Gecko Gallop', 'Gecko Glide', 'Gecko Groove'].map((title) =>
        given.track({ owner: artist, title, files: false }),
      ),
    );
    await c.services.search.reindexAll();
    return tracks;
  })();

  async function play(trackId: string, times: number) {
    for (let i = 0; i < times; i += 1) await c.services.tracks.countPlay(trackId, c.db);
  }

  it('plays counted after indexing change the order at once, no re-index needed', async () => {
    const [gallop, glide, groove] = await setup;
    await play(glide!.id, 5);
    await play(groove!.id, 2);
    const found = await search({ q: 'gecko', type: 'tracks', sort: 'plays' });
    expect(found.tracks?.items.map((t) => [t.title, t.playCount])).toEqual([
      ['Gecko Glide', 5],
      ['Gecko Groove', 2],
      ['Gecko Gallop', 0],
    ]);
    await play(gallop!.id, 9);
    const again = await search({ q: 'gecko', type: 'tracks', sort: 'plays' });
    expect(again.tracks?.items.map((t) => t.title)).toEqual(['Gecko Gallop', 'Gecko Glide', 'Gecko Groove']);
  });

  it('pages by cursor in the same order, and refuses a cursor it did not give', async () => {
    await setup;
    const first = await search({ q: 'gecko', type: 'tracks', sort: 'plays', limit: '2' });
    expect(first.tracks?.items.map((t) => t.title)).toEqual(['Gecko Gallop', 'Gecko Glide']);
    const second = await search({
      q: 'gecko',
      type: 'tracks',
      sort: 'plays',
      limit: '2',
      cursor: first.tracks!.nextCursor!,
    });
    expect(second.tracks).toEqual({ items: [expect.objectContaining({ title: 'Gecko Groove' })], nextCursor: null });
    for (const cursor of ['tracks.plays-x', 'tracks.plays-99999', 'tracks.plays--1']) {
      const res = await app.inject({
        url: '/api/v1/search',
        query: { q: 'gecko', type: 'tracks', sort: 'plays', cursor },
      });
      expectProblem(res, 400, 'INVALID_CURSOR');
    }
  });

  it('people and playlists keep relevance order under sort=plays', async () => {
    await setup;
    const found = await search({ q: 'gecko', sort: 'plays' });
    expect(found.tracks?.items).toHaveLength(3);
    expect(found.users?.items).toEqual([]);
    expect(found.playlists?.items).toEqual([]);
  });
});
