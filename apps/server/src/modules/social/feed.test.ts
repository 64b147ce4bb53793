import { describe, expect, it } from 'vitest';
import type { TrackStatus, TrackVisibility } from '@/modules/tracks/tracks.tables';
import type { UserRow } from '@/modules/users/users.tables';
import { createTestApp, expectProblem } from '../../../test/app';

const t = await createTestApp();
const { app, c, clock, given } = t;

interface Person {
  user: UserRow;
  auth: { authorization: string };
}

type RepostedBy = { users: { username: string }[]; total: number };
type FeedItem =
  | { at: string; kind: 'upload' | 'repost'; track: { id: string; title: string }; repostedBy: RepostedBy }
  | { at: string; kind: 'playlist'; playlist: { id: string; title: string }; repostedBy: RepostedBy };

interface FeedBody {
  items: FeedItem[];
  nextCursor: string | null;
}

const titleOf = (item: FeedItem) => (item.kind === 'playlist' ? `playlist ${item.playlist.title}` : item.track.title);

async function person(role: 'artist' | 'listener' = 'artist'): Promise<Person> {
  const user = await given.user({ role });
  return { user, auth: (await given.session(user)).auth };
}

async function call(who: Person, method: 'PUT' | 'DELETE', url: string) {
  clock.advance(1000);
  const res = await app.inject({ method, url, headers: who.auth });
  expect(res.statusCode, res.body).toBe(200);
}

const follow = (a: Person, b: Person) => call(a, 'PUT', `/api/v1/users/${b.user.username}/follow`);
const repost = (a: Person, trackId: string) => call(a, 'PUT', `/api/v1/tracks/${trackId}/repost`);
const repostPlaylist = (a: Person, id: string) => call(a, 'PUT', `/api/v1/playlists/${id}/repost`);
const block = (a: Person, b: Person) => call(a, 'PUT', `/api/v1/users/${b.user.username}/block`);

async function upload(owner: Person, title: string, opts: { status?: TrackStatus; visibility?: TrackVisibility } = {}) {
  clock.advance(1000);
  return given.track({ owner: owner.user, title, files: false, ...opts });
}

async function feed(who: Person, query = ''): Promise<FeedBody> {
  const res = await app.inject({ url: `/api/v1/feed${query}`, headers: who.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FeedBody>();
}

async function wholeFeed(who: Person, limit: number): Promise<string[]> {
  const titles: string[] = [];
  let cursor: string | null = null;
  do {
    const page: FeedBody = await feed(who, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    titles.push(...page.items.map(titleOf));
    cursor = page.nextCursor;
  } while (cursor);
  return titles;
}

async function playlist(owner: Person, title: string, visibility = 'public'): Promise<string> {
  clock.advance(1000);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/playlists',
    headers: owner.auth,
    payload: { title, visibility },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function setPlaylistVisibility(id: string, visibility: 'public' | 'unlisted' | 'private') {
  await c.db.updateTable('playlists').set({ visibility }).where('id', '=', id).execute();
}

async function setTrack(id: string, fields: { status?: TrackStatus; visibility?: TrackVisibility }) {
  await c.db.updateTable('tracks').set(fields).where('id', '=', id).execute();
}

describe('GET /api/v1/feed', () => {
  it('shows uploads of followed artists and their reposts, newest first', async () => {
    const [me, a, b, stranger] = [await person('listener'), await person(), await person(), await person()];
    await follow(me, a);
    await follow(me, b);
    await upload(a, 'a1');
    await upload(b, 'b1');
    const s1 = await upload(stranger, 's1');
    await upload(stranger, 'unrelated');
    await upload(a, 'a2');
    await repost(b, s1.id);

    const body = await feed(me);
    expect(body.items.map((i) => [titleOf(i), i.kind])).toEqual([
      ['s1', 'repost'],
      ['a2', 'upload'],
      ['b1', 'upload'],
      ['a1', 'upload'],
    ]);
    expect(body.items[0]!.repostedBy).toEqual({
      users: [expect.objectContaining({ username: b.user.username })],
      total: 1,
    });
    expect(body.items[1]!.repostedBy).toEqual({ users: [], total: 0 });
    expect(body.nextCursor).toBeNull();
  });

  it('shows a track once however many followed users reposted it, at its newest repost', async () => {
    const [me, r1, r2, r3, r4, artist, other] = await Promise.all(
      ['listener', 'artist', 'artist', 'artist', 'artist', 'artist', 'artist'].map((role) => person(role as 'artist')),
    );
    for (const r of [r1!, r2!, r3!, r4!, artist!]) await follow(me!, r);
    const hit = await upload(other!, 'hit');
    const own = await upload(artist!, 'own upload');
    for (const r of [r1!, r2!, r3!, r4!]) await repost(r, hit.id);
    await upload(artist!, 'newer upload');
    await repost(r1!, own.id);

    const body = await feed(me!);
    expect(body.items.map(titleOf)).toEqual(['own upload', 'newer upload', 'hit']);
    const [ownItem, , hitItem] = body.items;
    // The artist's own upload stays an upload, moved up by a followed user's repost.
    expect(ownItem).toMatchObject({ kind: 'upload', repostedBy: { total: 1 } });
    expect(hitItem!.kind).toBe('repost');
    expect(hitItem!.repostedBy.total).toBe(4);
    expect(hitItem!.repostedBy.users.map((u) => u.username)).toEqual([
      r4!.user.username,
      r3!.user.username,
      r2!.user.username,
    ]);
  });

  it('pages without gaps or repeats, with reposts moving items between pages', async () => {
    const me = await person('listener');
    const followed = [await person(), await person(), await person()];
    for (const f of followed) await follow(me, f);
    const outsider = await person();
    const outside = [];
    for (let i = 0; i < 6; i++) outside.push(await upload(outsider, `outside ${i}`));
    for (let i = 0; i < 14; i++) await upload(followed[i % 3]!, `up ${i}`);
    // Reposts of old outside tracks by several followed users, interleaved with uploads.
    for (let i = 0; i < 6; i++) {
      await repost(followed[i % 3]!, outside[i]!.id);
      await repost(followed[(i + 1) % 3]!, outside[i]!.id);
      await upload(followed[i % 3]!, `late ${i}`);
    }
    const all = await wholeFeed(me, 50);
    expect(all).toHaveLength(14 + 6 + 6);
    expect(new Set(all).size).toBe(all.length);
    for (const limit of [1, 4, 7]) expect(await wholeFeed(me, limit)).toEqual(all);
  });

  it('leaves out users the reader blocked or who blocked the reader', async () => {
    const [me, friend, blockedByMe, blockingMe] = [
      await person('listener'),
      await person(),
      await person(),
      await person(),
    ];
    await follow(me, friend);
    const mine = await upload(blockedByMe, 'by someone I blocked');
    const theirs = await upload(blockingMe, 'by someone who blocked me');
    const fine = await upload(await person(), 'fine');
    for (const id of [mine.id, theirs.id, fine.id]) await repost(friend, id);
    await block(me, blockedByMe);
    await block(blockingMe, me);
    expect((await feed(me)).items.map(titleOf)).toEqual(['fine']);

    // A followed user who is then blocked stops being followed, so their uploads go too.
    await upload(friend, 'friend upload');
    await block(me, friend);
    expect((await feed(me)).items).toEqual([]);
  });

  it('never shows tracks the reader may not come across', async () => {
    const me = await person('listener');
    const artist = await person();
    const reposter = await person();
    await follow(me, artist);
    await follow(me, reposter);
    const cases: { title: string; status?: TrackStatus; visibility?: TrackVisibility; shown: boolean }[] = [
      { title: 'public ready', shown: true },
      { title: 'unlisted', visibility: 'unlisted', shown: false },
      { title: 'private', visibility: 'private', shown: false },
      { title: 'processing', status: 'processing', shown: false },
      { title: 'failed', status: 'failed', shown: false },
    ];
    const other = await person();
    for (const k of cases) {
      // As an upload of a followed artist…
      await upload(artist, `upload ${k.title}`, { status: k.status, visibility: k.visibility });
      // …and as a repost of a track that changed since it was reposted.
      const reposted = await upload(other, `repost ${k.title}`);
      await repost(reposter, reposted.id);
      await setTrack(reposted.id, { status: k.status ?? 'ready', visibility: k.visibility ?? 'public' });
    }
    const titles = (await feed(me)).items.map(titleOf).sort();
    const expected = cases.filter((k) => k.shown).flatMap((k) => [`repost ${k.title}`, `upload ${k.title}`]);
    expect(titles).toEqual(expected.sort());
  });

  it('finds older entries behind many newer hidden ones', async () => {
    const me = await person('listener');
    const friend = await person();
    await follow(me, friend);
    await upload(friend, 'old but visible');
    const other = await person();
    for (let i = 0; i < 6; i++) {
      const hidden = await upload(other, `went private ${i}`);
      await repost(friend, hidden.id);
      await setTrack(hidden.id, { visibility: 'private' });
    }
    expect(await wholeFeed(me, 1)).toEqual(['old but visible']);
    expect(await wholeFeed(me, 2)).toEqual(['old but visible']);
  });

  it('is empty when the reader follows no one', async () => {
    expect(await feed(await person('listener'))).toEqual({ items: [], nextCursor: null });
  });

  it('needs a signed-in user and refuses bad paging', async () => {
    expectProblem(await app.inject({ url: '/api/v1/feed' }), 401);
    const me = await person('listener');
    for (const query of ['?cursor=nonsense', '?limit=0', '?limit=51', '?limit=x', '?other=1']) {
      expectProblem(await app.inject({ url: `/api/v1/feed${query}`, headers: me.auth }), 400);
    }
  });

  describe('playlists', () => {
    it('shows a playlist reposted by followed users once, at its newest repost, among the tracks', async () => {
      const [me, r1, r2, r3, owner] = [
        await person('listener'),
        await person(),
        await person(),
        await person(),
        await person(),
      ];
      for (const r of [r1, r2, r3]) await follow(me, r);
      const mix = await playlist(owner, 'mix');
      await repostPlaylist(r1, mix);
      await upload(r1, 'between');
      await repostPlaylist(r2, mix);
      await repostPlaylist(r3, mix);
      await upload(r2, 'newest');

      const body = await feed(me);
      expect(body.items.map(titleOf)).toEqual(['newest', 'playlist mix', 'between']);
      const item = body.items[1]!;
      expect(item).toMatchObject({
        kind: 'playlist',
        playlist: { id: mix, itemCount: 0, owner: { id: owner.user.id } },
      });
      expect(item.repostedBy.total).toBe(3);
      expect(item.repostedBy.users.map((u) => u.username)).toEqual([
        r3.user.username,
        r2.user.username,
        r1.user.username,
      ]);
      // Owner follows nobody: a playlist is in a feed only by reposts.
      expect((await feed(owner)).items).toEqual([]);
    });

    it('pages tracks and playlists together without gaps or repeats', async () => {
      const me = await person('listener');
      const [a, b] = [await person(), await person()];
      await follow(me, a);
      await follow(me, b);
      const outsider = await person();
      for (let i = 0; i < 8; i++) {
        await upload(a, `up ${i}`);
        const p = await playlist(outsider, `p${i}`);
        await repostPlaylist(b, p);
        if (i % 2 === 0) await repostPlaylist(a, p);
      }
      const all = await wholeFeed(me, 50);
      expect(all).toHaveLength(16);
      expect(new Set(all).size).toBe(16);
      for (const limit of [1, 3, 5]) expect(await wholeFeed(me, limit)).toEqual(all);
    });

    it('never shows playlists that are not public, the reader’s own, or of blocked users', async () => {
      const [me, friend, owner, blockedOwner] = [
        await person('listener'),
        await person(),
        await person(),
        await person(),
      ];
      await follow(me, friend);
      const shown = await playlist(owner, 'public');
      const unlisted = await playlist(owner, 'later unlisted');
      const hidden = await playlist(owner, 'later private');
      const mine = await playlist(me, 'mine');
      const theirs = await playlist(blockedOwner, 'blocked owner');
      for (const id of [shown, unlisted, hidden, mine, theirs]) await repostPlaylist(friend, id);
      await setPlaylistVisibility(unlisted, 'unlisted');
      await setPlaylistVisibility(hidden, 'private');
      await block(me, blockedOwner);
      expect((await feed(me)).items.map(titleOf)).toEqual(['playlist public']);

      // A deleted playlist takes its reposts with it.
      const gone = await app.inject({ method: 'DELETE', url: `/api/v1/playlists/${shown}`, headers: owner.auth });
      expect(gone.statusCode).toBe(204);
      expect((await feed(me)).items).toEqual([]);
    });
  });
});
