import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TracksRepo } from '@/modules/tracks/tracks.repo';
import { MediaFixtures } from '@/platform/media/media.fixtures';
import { createTestApp, expectProblem } from '../../../test/app';

const { app, c, clock, given, deliverEvents } = await createTestApp();
const media = await MediaFixtures.create(c.media);
afterAll(() => media.remove());
const repo = new TracksRepo(c.db, c.clock);

interface Item {
  id: string;
  title: string;
  playCount: number;
}
type Results = {
  tracks?: { items: Item[]; nextCursor: string | null };
  users?: { items: { username: string }[]; nextCursor: string | null };
};

async function search(query: Record<string, string>, headers: Record<string, string> = {}): Promise<Results> {
  const res = await app.inject({ url: '/api/v1/search', query, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Results>();
}
const titles = (r: Results) => r.tracks?.items.map((i) => i.title) ?? [];

/** A multipart upload as a browser's FormData would send it. */
async function upload(auth: Record<string, string>, name: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([bytes]), name);
  const req = new Request('http://veza.test/', { method: 'POST', body: fd });
  return app.inject({
    method: 'POST',
    url: '/api/v1/tracks',
    headers: { ...auth, 'content-type': req.headers.get('content-type') ?? '' },
    payload: Buffer.from(await req.arrayBuffer()),
  });
}

describe('indexing follows domain events', () => {
  it('finds an uploaded track once processing made it ready, never while processing or failed', async () => {
    const { auth } = await given.session(await given.artist());
    const tone = await readFile(await media.tone('search-tone.wav', { seconds: 2, hz: 440 }));
    const res = await upload(auth, 'Narwhal Nocturne.wav', tone, { genre: 'Ambient' });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    const refused = await upload(auth, 'Narwhal Noise.mp3', Buffer.from('not audio\n'.repeat(100)));
    expect(refused.statusCode).toBe(422);

    await deliverEvents();
    expect(titles(await search({ q: 'narwhal', type: 'tracks' }, auth))).toEqual([]);
    await c.jobs.runOnce('tracks.process', { trackId: id });
    await deliverEvents();
    expect(titles(await search({ q: 'narwhal', type: 'tracks' }))).toEqual(['Narwhal Nocturne']);
    expect(titles(await search({ q: 'narwhal', type: 'tracks', genre: 'ambient' }))).toEqual(['Narwhal Nocturne']);
  });

  it('finds a renamed track by its new title once the event is delivered, not by the old one', async () => {
    const owner = await given.artist();
    const { auth } = await given.session(owner);
    const track = await given.track({ owner, title: 'Quokka Lullaby', files: false });
    await c.services.search.reindexAll();
    expect(titles(await search({ q: 'quokka', type: 'tracks' }))).toEqual(['Quokka Lullaby']);

    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/tracks/${track.id}`,
      headers: auth,
      payload: { title: 'Wombat Serenade' },
    });
    expect(res.statusCode).toBe(200);
    expect(await deliverEvents()).toBeGreaterThan(0);

    expect(titles(await search({ q: 'wombat serenade', type: 'tracks' }))).toEqual(['Wombat Serenade']);
    expect(titles(await search({ q: 'quokka', type: 'tracks' }))).toEqual([]);
    // Typing the new title offers it too.
    const suggest = await app.inject({ url: '/api/v1/search/suggest', query: { q: 'womb' } });
    expect(suggest.json<{ items: { track?: { id: string } }[] }>().items.map((i) => i.track?.id)).toContain(track.id);
  });

  it('finds an artist and their tracks by a new display name', async () => {
    const owner = await given.artist();
    const { auth } = await given.session(owner);
    await given.track({ owner, title: 'Ocelot Waltz', files: false });
    await deliverEvents();
    await c.services.search.reindexAll();

    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: auth,
      payload: { displayName: 'Ptarmigan Quartet' },
    });
    expect(res.statusCode).toBe(200);
    await deliverEvents();

    expect(titles(await search({ q: 'ptarmigan', type: 'tracks' }))).toEqual(['Ocelot Waltz']);
    const people = await search({ q: 'ptarmigan', type: 'users' });
    expect(people.users?.items.map((u) => u.username)).toEqual([owner.username]);
  });

  it('finds a new account once its event is delivered', async () => {
    const user = await given.user({ username: 'capybara_fan' });
    await deliverEvents();
    const people = await search({ q: 'capybara', type: 'users' });
    expect(people.users?.items.map((u) => u.username)).toContain(user.username);
  });

  it('a full rebuild indexes everything and drops documents whose source is gone', async () => {
    const owner = await given.artist();
    const track = await given.track({ owner, title: 'Pangolin Reel', files: false });
    await c.db
      .insertInto('search_documents')
      .values({
        kind: 'track',
        id: '00000000-0000-4000-8000-000000000001',
        owner_id: owner.id,
        visibility: 'public',
        available: true,
        title: 'Pangolin Ghost',
        subtitle: null,
        genre: null,
        tags: [],
        duration_ms: null,
        popularity: 0,
        published_at: clock.now(),
        document: "'pangolin' 'ghost'",
        fuzzy: 'pangolin ghost',
        indexed_at: new Date(clock.now().getTime() - 60_000),
      })
      .execute();
    clock.advance(1000);
    const counts = await c.services.search.reindexAll();
    expect(counts.removed).toBeGreaterThanOrEqual(1);
    const left = await c.db.selectFrom('search_documents').select('id').where('fuzzy', 'like', 'pangolin%').execute();
    expect(left.map((d) => d.id)).toEqual([track.id]);
  });

  it('corrects a typo of a word first seen in a track indexed after the vocabulary was built', async () => {
    const owner = await given.artist();
    expect(titles(await search({ q: 'quetzalcotl', type: 'tracks' }))).toEqual([]);
    await given.track({ owner, title: 'Quetzalcoatl Reverie', files: false });
    await deliverEvents();
    const word = await c.db.selectFrom('search_vocabulary').select('word').where('word', '=', 'quetzalcoatl').execute();
    expect(word).toHaveLength(1);
    expect(titles(await search({ q: 'quetzalcotl', type: 'tracks' }))).toEqual(['Quetzalcoatl Reverie']);
    expect(titles(await search({ q: 'quetzalcotl', type: 'tracks', sort: 'newest' }))).toEqual([
      'Quetzalcoatl Reverie',
    ]);
  });

  it('keeps in the vocabulary only words some title or artist still holds', async () => {
    const owner = await given.artist();
    const { auth } = await given.session(owner);
    const vocabulary = async () =>
      (
        await c.db
          .selectFrom('search_vocabulary')
          .select('word')
          .where('word', 'in', ['zorblaxian', 'quibbleton', 'shared'])
          .orderBy('word')
          .execute()
      ).map((w) => w.word);
    const track = await given.track({ owner, title: 'Zorblaxian Shared', files: false });
    const other = await given.track({ owner, title: 'Shared Light', files: false });
    await deliverEvents();
    expect(await vocabulary()).toEqual(['shared', 'zorblaxian']);

    // A rename takes the old word out with it; a word another title holds stays.
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/tracks/${track.id}`,
      headers: auth,
      payload: { title: 'Quibbleton' },
    });
    await deliverEvents();
    expect(await vocabulary()).toEqual(['quibbleton', 'shared']);
    await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${other.id}`, headers: auth });
    await deliverEvents();
    expect(await vocabulary()).toEqual(['quibbleton']);
    await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${track.id}`, headers: auth });
    await deliverEvents();
    expect(await vocabulary()).toEqual([]);
  });

  it('drops a deleted track from the index', async () => {
    const owner = await given.artist();
    const { auth } = await given.session(owner);
    const track = await given.track({ owner, title: 'Axolotl Dirge', files: false });
    await c.services.search.reindexAll();
    await app.inject({ method: 'DELETE', url: `/api/v1/tracks/${track.id}`, headers: auth });
    await deliverEvents();
    const doc = await c.db.selectFrom('search_documents').select('id').where('id', '=', track.id).executeTakeFirst();
    expect(doc).toBeUndefined();
  });
});

describe('filters, sorts and pages', () => {
  const rows = [
    { title: 'Marmot Jazz One', genre: 'Jazz', tags: ['night', 'piano'], duration_ms: 120_000, play_count: 5, age: 3 },
    { title: 'Marmot Jazz Two', genre: 'jazz', tags: ['day'], duration_ms: 300_000, play_count: 50, age: 2 },
    { title: 'Marmot Rock', genre: 'rock', tags: ['night'], duration_ms: 200_000, play_count: 500, age: 1 },
    { title: 'Marmot Folk', genre: 'folk', tags: [], duration_ms: 60_000, play_count: 0, age: 4 },
  ];
  beforeAll(async () => {
    const owner = await given.artist();
    const base = clock.now().getTime();
    for (const row of rows) {
      const at = new Date(base - row.age * 86_400_000);
      await repo.insert({
        owner_id: owner.id,
        title: row.title,
        genre: row.genre,
        tags: row.tags,
        duration_ms: row.duration_ms,
        play_count: row.play_count,
        status: 'ready',
        visibility: 'public',
        file_path: `tracks/x/${row.title}.wav`,
        ready_at: at,
        created_at: at,
      });
    }
    await c.services.search.reindexAll();
  });

  it.each([
    [{ genre: 'JAZZ' }, ['Marmot Jazz One', 'Marmot Jazz Two']],
    [{ tag: 'night' }, ['Marmot Jazz One', 'Marmot Rock']],
    [{ minDurationMs: '150000' }, ['Marmot Jazz Two', 'Marmot Rock']],
    [{ maxDurationMs: '120000' }, ['Marmot Folk', 'Marmot Jazz One']],
    [{ minDurationMs: '100000', maxDurationMs: '250000', tag: 'night' }, ['Marmot Jazz One', 'Marmot Rock']],
    [{ genre: 'polka' }, []],
  ])('filters %j', async (filters, expected) => {
    expect(titles(await search({ q: 'marmot', type: 'tracks', ...filters })).sort()).toEqual(expected);
  });

  it.each([
    ['newest', ['Marmot Rock', 'Marmot Jazz Two', 'Marmot Jazz One', 'Marmot Folk']],
    ['plays', ['Marmot Rock', 'Marmot Jazz Two', 'Marmot Jazz One', 'Marmot Folk']],
  ])('sorts by %s', async (sort, expected) => {
    expect(titles(await search({ q: 'marmot', type: 'tracks', sort }))).toEqual(expected);
  });

  it('sorts by relevance: the closest title first', async () => {
    expect(titles(await search({ q: 'marmot rock', type: 'tracks' }))[0]).toBe('Marmot Rock');
  });

  it('pages through every result once with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await search({
        q: 'marmot',
        type: 'tracks',
        sort: 'newest',
        limit: '3',
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...titles(page));
      cursor = page.tracks?.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Marmot Rock', 'Marmot Jazz Two', 'Marmot Jazz One', 'Marmot Folk']);
  });

  it('answers both groups for type=all, and a cursor continues its own group only', async () => {
    const all = await search({ q: 'marmot', limit: '2' });
    expect(Object.keys(all).sort()).toEqual(['playlists', 'tracks', 'users']);
    expect(all.tracks?.items).toHaveLength(2);
    const next = await search({ q: 'marmot', limit: '2', cursor: all.tracks?.nextCursor ?? '' });
    expect(Object.keys(next)).toEqual(['tracks']);
    expect(next.tracks?.items).toHaveLength(2);
  });

  it('answers one group for one type', async () => {
    expect(Object.keys(await search({ q: 'marmot', type: 'tracks' }))).toEqual(['tracks']);
    expect(Object.keys(await search({ q: 'marmot', type: 'users' }))).toEqual(['users']);
  });

  it.each([
    "'; DROP TABLE search_documents; --",
    'marmot:* | !rock & (',
    '100%_marmot\\',
    '日本語の歌',
    'x² ǅ ﬁ Æsir',
    '🎵 marmot 🎵',
    'a b c d e f g h i j k l m n o p',
  ])('takes any text as words, never as syntax: %j', async (q) => {
    const res = await app.inject({ url: '/api/v1/search', query: { q } });
    expect(res.statusCode, res.body).toBe(200);
    const suggest = await app.inject({ url: '/api/v1/search/suggest', query: { q } });
    expect(suggest.statusCode, suggest.body).toBe(200);
  });

  it('takes a vocabulary word picked as a correction as one word, never as syntax', async () => {
    const odd = ["flamingo'", 'flamingo\\', "flamingo' | !(x:*", 'flamingo)) & ((y'];
    await c.db
      .insertInto('search_vocabulary')
      .values(odd.map((word) => ({ word })))
      .execute();
    for (const sort of ['relevance', 'newest', 'plays']) {
      const res = await app.inject({ url: '/api/v1/search', query: { q: "flamingoo' | (rock:*) \\ & !", sort } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const suggest = await app.inject({ url: '/api/v1/search/suggest', query: { q: 'flamingoo' } });
    expect(suggest.statusCode, suggest.body).toBe(200);
  });

  it('finds nothing, without error, for a query of punctuation only', async () => {
    expect(await search({ q: '!!!', type: 'tracks' })).toEqual({ tracks: { items: [], nextCursor: null } });
  });
});

describe('bad input is a 400 with a clear code', () => {
  it.each([
    ['/api/v1/search', { q: '' }, 'SEARCH_QUERY_EMPTY'],
    ['/api/v1/search', { q: '   ' }, 'SEARCH_QUERY_EMPTY'],
    ['/api/v1/search', { q: 'x'.repeat(201) }, 'SEARCH_QUERY_TOO_LONG'],
    ['/api/v1/search/suggest', { q: '' }, 'SEARCH_QUERY_EMPTY'],
    ['/api/v1/search/suggest', { q: 'y'.repeat(201) }, 'SEARCH_QUERY_TOO_LONG'],
    ['/api/v1/search', { q: 'a', minDurationMs: '5000', maxDurationMs: '1000' }, 'INVALID_SEARCH_FILTERS'],
    ['/api/v1/search', { q: 'a', cursor: 'garbage' }, 'INVALID_CURSOR'],
    ['/api/v1/search', { q: 'a', cursor: 'tracks.bm90LWpzb24' }, 'INVALID_CURSOR'],
    ['/api/v1/search', { q: 'a', type: 'bogus' }, 'VALIDATION_FAILED'],
    ['/api/v1/search', { q: 'a', sort: 'loudest' }, 'VALIDATION_FAILED'],
    ['/api/v1/search', { q: 'a', limit: '0' }, 'VALIDATION_FAILED'],
    ['/api/v1/search', { q: 'a', minDurationMs: '-1' }, 'VALIDATION_FAILED'],
    ['/api/v1/search', {}, 'VALIDATION_FAILED'],
    ['/api/v1/search/suggest', {}, 'VALIDATION_FAILED'],
  ])('%s %j → %s', async (url, query, code) => {
    expectProblem(await app.inject({ url, query }), 400, code);
  });

  it('refuses a cursor of one group for another type', async () => {
    const owner = await given.artist();
    for (const title of ['Lemur One', 'Lemur Two']) await given.track({ owner, title, files: false });
    await c.services.search.reindexAll();
    const page = await search({ q: 'lemur', type: 'tracks', limit: '1' });
    const cursor = page.tracks?.nextCursor ?? '';
    expect(cursor).not.toBe('');
    expectProblem(
      await app.inject({ url: '/api/v1/search', query: { q: 'lemur', type: 'users', cursor } }),
      400,
      'INVALID_CURSOR',
    );
    expectProblem(
      await app.inject({ url: '/api/v1/search', query: { q: 'lemur', type: 'tracks', sort: 'newest', cursor } }),
      400,
      'INVALID_CURSOR',
    );
  });

  it('suggests from one character', async () => {
    const res = await app.inject({ url: '/api/v1/search/suggest', query: { q: 'l' } });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });
});
