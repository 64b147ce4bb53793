import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { UserRow } from '@/modules/users/users.tables';
import '@/modules/social/comments.events';
import '@/modules/social/playlist-edges.events';
import { createTestApp, expectProblem } from '../../../test/app';

const t = await createTestApp();
const { app, c, clock, given, deliverEvents } = t;

interface Person {
  user: UserRow;
  auth: { authorization: string };
}

interface Item {
  id: string;
  kind: string;
  read: boolean;
  at: string;
  actors: { username: string }[];
  actorCount: number;
  target: { type: string; id: string; title: string | null; available: boolean };
}

async function person(role: 'artist' | 'listener' = 'artist'): Promise<Person> {
  const user = await given.user({ role });
  return { user, auth: (await given.session(user)).auth };
}

async function act(who: Person, method: 'PUT' | 'DELETE', url: string) {
  clock.advance(1000);
  const res = await app.inject({ method, url, headers: who.auth });
  expect(res.statusCode, res.body).toBe(200);
}

const follow = (a: Person, b: Person) => act(a, 'PUT', `/api/v1/users/${b.user.username}/follow`);
const like = (a: Person, trackId: string) => act(a, 'PUT', `/api/v1/tracks/${trackId}/like`);

async function list(who: Person, query = ''): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await app.inject({ url: `/api/v1/me/notifications${query}`, headers: who.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function unread(who: Person): Promise<number> {
  const res = await app.inject({ url: '/api/v1/me/notifications/unread-count', headers: who.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ unread: number }>().unread;
}

/** Publishes an event as its module would, in a transaction of its own. */
async function publish<K extends 'comment.posted' | 'playlist.liked' | 'playlist.reposted'>(
  name: K,
  payload: Parameters<typeof c.events.publish<K>>[2],
) {
  clock.advance(1000);
  await c.db.transaction().execute((trx) => c.events.publish(trx, name, payload));
}

async function deliver() {
  clock.advance(1000);
  await deliverEvents();
}

describe('notifications from domain events', () => {
  it('tells of a new follower, a like and a repost, newest first', async () => {
    const [artist, fan] = [await person(), await person('listener')];
    const track = await given.track({ owner: artist.user, title: 'Song', files: false });
    await follow(fan, artist);
    await like(fan, track.id);
    await deliver();
    const other = await person();
    await act(other, 'PUT', `/api/v1/tracks/${track.id}/repost`);
    await deliver();

    const { items } = await list(artist);
    expect(items.map((i) => [i.kind, i.target.type, i.target.title, i.actors.map((a) => a.username)])).toEqual([
      ['repost', 'track', 'Song', [other.user.username]],
      ['like', 'track', 'Song', [fan.user.username]],
      ['follow', 'user', null, [fan.user.username]],
    ]);
    expect(items.every((i) => !i.read && i.target.available)).toBe(true);
    expect(await unread(artist)).toBe(3);
    expect(await list(fan)).toEqual({ items: [], nextCursor: null });
  });

  it('groups actions per kind and target: "A and 4 others liked …"', async () => {
    const artist = await person();
    const track = await given.track({ owner: artist.user, title: 'Hit', files: false });
    const other = await given.track({ owner: artist.user, title: 'Other', files: false });
    const fans: Person[] = [];
    for (let i = 0; i < 5; i++) fans.push(await person('listener'));
    for (const fan of fans) await like(fan, track.id);
    await like(fans[0]!, other.id);
    await deliver();

    const { items } = await list(artist);
    expect(items.map((i) => [i.target.title, i.actorCount])).toEqual([
      ['Other', 1],
      ['Hit', 5],
    ]);
    expect(items[1]!.actors.map((a) => a.username)).toEqual([
      fans[4]!.user.username,
      fans[3]!.user.username,
      fans[2]!.user.username,
    ]);
    expect(await unread(artist)).toBe(2);
  });

  it('a new action on a read group makes it unread again and moves it to the top', async () => {
    const artist = await person();
    const track = await given.track({ owner: artist.user, title: 'Old', files: false });
    const newer = await given.track({ owner: artist.user, title: 'New', files: false });
    await like(await person('listener'), track.id);
    await deliver();
    await like(await person('listener'), newer.id);
    await deliver();
    const read = await app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read',
      headers: artist.auth,
      payload: {},
    });
    expect(read.json()).toEqual({ unread: 0 });

    await like(await person('listener'), track.id);
    await deliver();
    const { items } = await list(artist);
    expect(items.map((i) => [i.target.title, i.read, i.actorCount])).toEqual([
      ['Old', false, 2],
      ['New', true, 1],
    ]);
    expect(await unread(artist)).toBe(1);
  });

  it('marks read up to a time, leaving newer groups unread', async () => {
    const artist = await person();
    const first = await given.track({ owner: artist.user, title: 'First', files: false });
    const second = await given.track({ owner: artist.user, title: 'Second', files: false });
    await like(await person('listener'), first.id);
    await deliver();
    const seen = (await list(artist)).items[0]!.at;
    await like(await person('listener'), second.id);
    await deliver();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read',
      headers: artist.auth,
      payload: { until: seen },
    });
    expect(res.json()).toEqual({ unread: 1 });
    expect((await list(artist)).items.map((i) => [i.target.title, i.read])).toEqual([
      ['Second', false],
      ['First', true],
    ]);
  });

  it('skips your own actions and those of people you blocked', async () => {
    const artist = await person();
    const track = await given.track({ owner: artist.user, files: false });
    await like(artist, track.id);
    const troll = await person('listener');
    await act(artist, 'PUT', `/api/v1/users/${troll.user.username}/block`);
    await like(troll, track.id);
    await publish('comment.posted', {
      commentId: randomUUID(),
      trackId: track.id,
      trackOwnerId: artist.user.id,
      authorId: artist.user.id,
      parentId: null,
      parentAuthorId: null,
    });
    await deliver();
    expect(await list(artist)).toEqual({ items: [], nextCursor: null });
    expect(await unread(artist)).toBe(0);
  });

  it('hides actors blocked after they acted', async () => {
    const artist = await person();
    const track = await given.track({ owner: artist.user, files: false });
    const [nice, rude] = [await person('listener'), await person('listener')];
    await like(nice, track.id);
    await like(rude, track.id);
    await deliver();
    await act(artist, 'PUT', `/api/v1/users/${rude.user.username}/block`);
    const { items } = await list(artist);
    expect(items.map((i) => [i.actorCount, i.actors.map((a) => a.username)])).toEqual([[1, [nice.user.username]]]);
  });

  it('tells the track owner of a comment and the parent’s author of a reply', async () => {
    const [artist, commenter, replier] = [await person(), await person('listener'), await person('listener')];
    const track = await given.track({ owner: artist.user, title: 'Talked about', files: false });
    const comment = randomUUID();
    await publish('comment.posted', {
      commentId: comment,
      trackId: track.id,
      trackOwnerId: artist.user.id,
      authorId: commenter.user.id,
      parentId: null,
      parentAuthorId: null,
    });
    await publish('comment.posted', {
      commentId: randomUUID(),
      trackId: track.id,
      trackOwnerId: artist.user.id,
      authorId: replier.user.id,
      parentId: comment,
      parentAuthorId: commenter.user.id,
    });
    // The owner replying to a comment on their own track: a reply, not also a comment to themself.
    await publish('comment.posted', {
      commentId: randomUUID(),
      trackId: track.id,
      trackOwnerId: artist.user.id,
      authorId: artist.user.id,
      parentId: comment,
      parentAuthorId: commenter.user.id,
    });
    await deliver();

    expect((await list(artist)).items.map((i) => [i.kind, i.actorCount, i.target.title])).toEqual([
      ['comment', 2, 'Talked about'],
    ]);
    expect((await list(commenter)).items.map((i) => [i.kind, i.actorCount, i.actors[0]!.username])).toEqual([
      ['reply', 2, artist.user.username],
    ]);
  });

  it('tells of likes and reposts of playlists, without the title of one you may no longer see', async () => {
    const [owner, fan] = [await person('listener'), await person('listener')];
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/playlists',
      headers: owner.auth,
      payload: { title: 'Road trip', visibility: 'public' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const playlistId = created.json<{ id: string }>().id;
    await publish('playlist.liked', { playlistId, userId: fan.user.id, ownerId: owner.user.id });
    await publish('playlist.reposted', { playlistId, userId: fan.user.id, ownerId: owner.user.id });
    await publish('playlist.liked', { playlistId: randomUUID(), userId: fan.user.id, ownerId: owner.user.id });
    await deliver();
    const { items } = await list(owner);
    expect(items.map((i) => [i.kind, i.target.type, i.target.title, i.target.available])).toEqual([
      ['like', 'playlist', null, false],
      ['repost', 'playlist', 'Road trip', true],
      ['like', 'playlist', 'Road trip', true],
    ]);
  });

  it('never leaks the title of a track the recipient may no longer see', async () => {
    const artist = await person();
    const fan = await person('listener');
    const track = await given.track({ owner: artist.user, title: 'Secret demo', files: false });
    // The fan reposted a track later made private; its owner still sees it, others do not.
    const other = await person();
    const theirs = await given.track({ owner: other.user, title: 'Gone private', files: false });
    await act(fan, 'PUT', `/api/v1/tracks/${theirs.id}/like`);
    await like(fan, track.id);
    await deliver();
    await c.db.updateTable('tracks').set({ visibility: 'private' }).where('id', '=', theirs.id).execute();
    await c.db.deleteFrom('tracks').where('id', '=', track.id).execute();
    const { items } = await list(artist);
    expect(items[0]!.target).toEqual({ type: 'track', id: track.id, title: null, available: false });
    // The owner of a private track still sees its title.
    expect((await list(other)).items[0]!.target).toMatchObject({ title: 'Gone private', available: true });
  });

  it('acts once on a redelivered event (outbox receipts)', async () => {
    const artist = await person();
    const track = await given.track({ owner: artist.user, files: false });
    const fan = await person('listener');
    await like(fan, track.id);
    const event = await c.db
      .selectFrom('event_outbox')
      .select(['id', 'name', 'payload'])
      .where('name', '=', 'track.liked')
      .where('relayed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const job = { eventId: event.id, name: event.name, subscriber: 'notifications', payload: event.payload };
    const log = pino({ level: 'silent' });
    expect(await c.events.deliver(job, log)).toBe('delivered');
    expect(await c.events.deliver(job, log)).toBe('duplicate');
    await deliver();
    const { items } = await list(artist);
    expect(items.map((i) => i.actorCount)).toEqual([1]);
    expect(await unread(artist)).toBe(1);
  });

  it('pages without gaps or repeats', async () => {
    const artist = await person();
    const fan = await person('listener');
    for (let i = 0; i < 7; i++) {
      const track = await given.track({ owner: artist.user, title: `t${i}`, files: false });
      await like(fan, track.id);
    }
    await deliver();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(
        artist,
        `?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((i) => i.target.title ?? ''));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['t6', 't5', 't4', 't3', 't2', 't1', 't0']);
  });
});

describe('notification routes', () => {
  it('need a signed-in user and refuse bad input', async () => {
    for (const url of ['/api/v1/me/notifications', '/api/v1/me/notifications/unread-count']) {
      expectProblem(await app.inject({ url }), 401);
    }
    expectProblem(await app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', payload: {} }), 401);
    const me = await person('listener');
    expectProblem(await app.inject({ url: '/api/v1/me/notifications?cursor=zzz', headers: me.auth }), 400);
    for (const payload of [{ until: 'yesterday' }, { until: 5 }, { all: true }]) {
      expectProblem(
        await app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: me.auth, payload }),
        400,
      );
    }
  });

  it('streams the live unread count, at once and when a notification is written', async () => {
    const artist = await person();
    const track = await given.track({ owner: artist.user, files: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/me/notifications/events`, {
      headers: artist.auth,
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (needle: string) => {
      while (!text.includes(needle)) text += (await reader.read()).value ?? '';
    };
    try {
      await until('data: {"unread":0}');
      await like(await person('listener'), track.id);
      await deliver();
      await until('data: {"unread":1}');
      await app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: artist.auth, payload: {} });
      text = '';
      await until('data: {"unread":0}');
    } finally {
      controller.abort();
    }
  });
});
