import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../../../test/app';
import { eventsPublished } from './social.test-helpers';

const t = await createTestApp();
const { app, given } = t;

async function signedIn(role: 'listener' | 'artist' = 'listener') {
  const user = await given.user({ role });
  return { user, auth: (await given.session(user)).auth };
}

function post(auth: Record<string, string>, trackId: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/api/v1/tracks/${trackId}/comments`, headers: auth, payload });
}

function list(trackId: string, opts: { auth?: Record<string, string>; query?: string } = {}) {
  return app.inject({
    url: `/api/v1/tracks/${trackId}/comments${opts.query ? `?${opts.query}` : ''}`,
    ...(opts.auth ? { headers: opts.auth } : {}),
  });
}

describe('posting comments', () => {
  it('creates a timed comment with its author, trimmed, and publishes comment.posted once', async () => {
    const owner = await given.artist();
    const track = await given.track({ owner, durationMs: 180_000 });
    const { user, auth } = await signedIn();
    const res = await post(auth, track.id, { body: '  love this drop  ', atMs: 83_000 });
    expect(res.statusCode, res.body).toBe(201);
    const comment = res.json();
    expect(comment).toMatchObject({
      trackId: track.id,
      parentId: null,
      body: 'love this drop',
      atMs: 83_000,
      deleted: false,
      editedAt: null,
      author: { id: user.id, username: user.username, displayName: null, avatarUrl: null },
    });
    expect(
      await eventsPublished(t, 'comment.posted', {
        commentId: comment.id,
        trackId: track.id,
        trackOwnerId: owner.id,
        authorId: user.id,
      }),
    ).toBe(1);
  });

  it('threads replies one level deep under the top-level comment, and refuses a reply to a reply', async () => {
    const track = await given.track();
    const a = await signedIn();
    const b = await signedIn();
    const top = (await post(a.auth, track.id, { body: 'first', atMs: 1000 })).json();
    const res = await post(b.auth, track.id, { body: 'agreed', parentId: top.id });
    expect(res.statusCode, res.body).toBe(201);
    const reply = res.json();
    expect(reply).toMatchObject({ parentId: top.id, atMs: null, body: 'agreed' });
    expect(
      await eventsPublished(t, 'comment.posted', {
        commentId: reply.id,
        parentId: top.id,
        parentAuthorId: a.user.id,
        authorId: b.user.id,
      }),
    ).toBe(1);

    expectProblem(await post(a.auth, track.id, { body: 'deeper', parentId: reply.id }), 400, 'REPLY_TO_REPLY');
    // A parent from another track, or none at all, is not found.
    const other = await given.track();
    expectProblem(await post(a.auth, other.id, { body: 'x', parentId: top.id }), 404, 'COMMENT_NOT_FOUND');
    expectProblem(await post(a.auth, track.id, { body: 'x', parentId: randomUUID() }), 404, 'COMMENT_NOT_FOUND');
    // A reply takes its parent's position.
    expectProblem(await post(a.auth, track.id, { body: 'x', parentId: top.id, atMs: 5 }), 400, 'VALIDATION_FAILED');
  });

  it('refuses bad input with 400 and names the field', async () => {
    const track = await given.track({ durationMs: 4000 });
    const { auth } = await signedIn();
    const cases: [string, Record<string, unknown>, string][] = [
      ['empty', { body: '' }, 'body/body'],
      ['blank', { body: ' \n\t ' }, 'body/body'],
      ['2,001 characters', { body: 'a'.repeat(2001) }, 'body/body'],
      ['negative atMs', { body: 'ok', atMs: -1 }, 'atMs'],
      ['fractional atMs', { body: 'ok', atMs: 1.5 }, 'atMs'],
      ['atMs beyond the duration', { body: 'ok', atMs: 4001 }, 'body/atMs'],
      ['no body', { atMs: 10 }, 'body'],
      ['unknown field', { body: 'ok', extra: 1 }, ''],
    ];
    for (const [name, payload, path] of cases) {
      const problem = expectProblem(await post(auth, track.id, payload), 400, 'VALIDATION_FAILED');
      const paths = (problem.errors as { path: string }[]).map((e) => e.path).join(' ');
      expect(paths, name).toContain(path);
    }
    // NUL never reaches Postgres (which cannot store it): the platform refuses it for every route.
    expectProblem(await post(auth, track.id, { body: 'nice\u0000track' }), 400, 'NUL_CHARACTER');
    // The limits themselves are accepted: 2,000 characters (emoji count as one), the last millisecond.
    expect((await post(auth, track.id, { body: '🎵'.repeat(2000) })).statusCode).toBe(201);
    expect((await post(auth, track.id, { body: 'end', atMs: 4000 })).statusCode).toBe(201);
    expect((await list(track.id)).json().total).toBe(2);
  });

  it('answers 404 on tracks the caller may not see, 409 on their own unfinished ones, 401 to anonymous', async () => {
    const owner = await signedIn('artist');
    const stranger = await signedIn();
    const hidden = [
      await given.track({ owner: owner.user, visibility: 'private' }),
      await given.track({ owner: owner.user, status: 'failed' }),
      await given.track({ owner: owner.user, status: 'processing' }),
    ];
    for (const track of hidden) {
      expectProblem(await post(stranger.auth, track.id, { body: 'hi' }), 404, 'TRACK_NOT_FOUND');
      expectProblem(await list(track.id, { auth: stranger.auth }), 404, 'TRACK_NOT_FOUND');
      expectProblem(
        await app.inject({ url: `/api/v1/tracks/${track.id}/comments/markers`, headers: stranger.auth }),
        404,
        'TRACK_NOT_FOUND',
      );
    }
    expectProblem(await post(owner.auth, hidden[1]!.id, { body: 'hi' }), 409, 'TRACK_NOT_READY');
    // The owner may comment on their own private track, and an unlisted one is open to anyone with the link.
    expect((await post(owner.auth, hidden[0]!.id, { body: 'note to self' })).statusCode).toBe(201);
    const unlisted = await given.track({ visibility: 'unlisted' });
    expect((await post(stranger.auth, unlisted.id, { body: 'found it' })).statusCode).toBe(201);
    expectProblem(await post({}, unlisted.id, { body: 'hi' }), 401);
    expectProblem(await post(stranger.auth, randomUUID(), { body: 'hi' }), 404, 'TRACK_NOT_FOUND');
  });
});

describe('the comment counter', () => {
  it('equals the live comments after concurrent posts and deletions', async () => {
    const track = await given.track();
    const people = await Promise.all(Array.from({ length: 10 }, () => signedIn()));
    const top = (await post(people[0]!.auth, track.id, { body: 'thread' })).json<{ id: string }>();
    const posted = await Promise.all(
      people.flatMap((p, i) => [
        post(p.auth, track.id, { body: `top ${i}` }),
        post(p.auth, track.id, { body: `reply ${i}`, parentId: top.id }),
      ]),
    );
    expect(posted.map((r) => r.statusCode)).toEqual(posted.map(() => 201));
    const removals = await Promise.all(
      posted
        .filter((_, i) => i % 4 === 0)
        .map((r, j) =>
          app.inject({
            method: 'DELETE',
            url: `/api/v1/comments/${r.json<{ id: string }>().id}`,
            headers: people[j * 2]!.auth,
          }),
        ),
    );
    expect(removals.map((r) => r.statusCode)).toEqual(removals.map(() => 204));
    const live = await t.c.db
      .selectFrom('track_comments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('track_id', '=', track.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    const shown = (await app.inject({ url: `/api/v1/tracks/${track.id}` })).json<{ commentCount: number }>();
    expect(shown.commentCount).toBe(Number(live.n));
    expect(shown.commentCount).toBe(21 - removals.length);
  });
});

describe('listing comments', () => {
  it('pages top-level comments newest first with their replies oldest first, publicly', async () => {
    const track = await given.track();
    const { auth } = await signedIn();
    const tops: string[] = [];
    for (let i = 0; i < 5; i++) {
      tops.push((await post(auth, track.id, { body: `top ${i}`, atMs: i * 500 })).json().id);
      t.clock.advance(1000);
    }
    const replier = await signedIn();
    await post(replier.auth, track.id, { body: 'r1', parentId: tops[4] });
    t.clock.advance(1000);
    await post(auth, track.id, { body: 'r2', parentId: tops[4] });

    const first = await list(track.id, { query: 'limit=2' });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((c: { body: string }) => c.body)).toEqual(['top 4', 'top 3']);
    expect(page1.total).toBe(7);
    expect(page1.items[0].replyCount).toBe(2);
    expect(page1.items[0].replies.map((c: { body: string }) => c.body)).toEqual(['r1', 'r2']);
    expect(page1.items[0].replies[0].author.username).toBe(replier.user.username);
    const rest = (await list(track.id, { query: `limit=10&cursor=${page1.nextCursor}` })).json();
    expect(rest.items.map((c: { body: string }) => c.body)).toEqual(['top 2', 'top 1', 'top 0']);
    expect(rest.nextCursor).toBeNull();
    expectProblem(await list(track.id, { query: 'cursor=nonsense' }), 400, 'VALIDATION_FAILED');
  });

  it('pages the replies of a long thread past those the list shows, oldest first', async () => {
    const track = await given.track();
    const { auth } = await signedIn();
    const top = (await post(auth, track.id, { body: 'long thread' })).json();
    t.clock.advance(1000);
    const short = (await post(auth, track.id, { body: 'short thread' })).json();
    await post(auth, track.id, { body: 'only reply', parentId: short.id });
    for (let i = 0; i < 53; i++) {
      t.clock.advance(1);
      expect((await post(auth, track.id, { body: `r${i}`, parentId: top.id })).statusCode).toBe(201);
    }
    const threads = (await list(track.id)).json<{
      items: { body: string; replies: unknown[]; replyCount: number; repliesCursor: string | null }[];
    }>().items;
    const [shortThread, longThread] = threads;
    expect(shortThread).toMatchObject({ body: 'short thread', replyCount: 1, repliesCursor: null });
    expect(longThread).toMatchObject({ body: 'long thread', replyCount: 53 });
    expect(longThread!.replies).toHaveLength(50);

    const replies = (query: string, auth?: Record<string, string>) =>
      app.inject({ url: `/api/v1/comments/${top.id}/replies?${query}`, ...(auth ? { headers: auth } : {}) });
    const next = (await replies(`limit=2&cursor=${longThread!.repliesCursor}`)).json();
    expect(next.items.map((c: { body: string }) => c.body)).toEqual(['r50', 'r51']);
    const last = (await replies(`limit=2&cursor=${next.nextCursor}`)).json();
    expect(last.items.map((c: { body: string }) => c.body)).toEqual(['r52']);
    expect(last.nextCursor).toBeNull();
    // From the start, a whole thread in order.
    const all = (await replies('limit=100')).json();
    expect(all.items.map((c: { body: string }) => c.body)).toEqual(Array.from({ length: 53 }, (_, i) => `r${i}`));

    expectProblem(await replies('cursor=nonsense'), 400, 'VALIDATION_FAILED');
    expectProblem(await replies('limit=0'), 400, 'VALIDATION_FAILED');
    const reply = all.items[0].id;
    expectProblem(await app.inject({ url: `/api/v1/comments/${reply}/replies` }), 404, 'COMMENT_NOT_FOUND');
    expectProblem(await app.inject({ url: `/api/v1/comments/${randomUUID()}/replies` }), 404, 'COMMENT_NOT_FOUND');
    expectProblem(await app.inject({ url: '/api/v1/comments/not-a-uuid/replies' }), 400, 'VALIDATION_FAILED');
    // A track that went private hides its threads from everyone but its owner.
    await t.c.db.updateTable('tracks').set({ visibility: 'private' }).where('id', '=', track.id).execute();
    expectProblem(await replies(''), 404, 'COMMENT_NOT_FOUND');
    expectProblem(await replies('', auth), 404, 'COMMENT_NOT_FOUND');
  });

  it('gives the waveform the positioned top-level comments in track order, with their authors', async () => {
    const track = await given.track({ durationMs: 10_000 });
    const { user, auth } = await signedIn();
    await post(auth, track.id, { body: 'late', atMs: 9000 });
    const early = (await post(auth, track.id, { body: 'early '.repeat(40), atMs: 100 })).json();
    await post(auth, track.id, { body: 'no position' });
    await post(auth, track.id, { body: 'reply', parentId: early.id });
    const res = await app.inject({ url: `/api/v1/tracks/${track.id}/comments/markers` });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json();
    expect(items.map((m: { atMs: number }) => m.atMs)).toEqual([100, 9000]);
    expect(items[0].author.username).toBe(user.username);
    expect([...items[0].excerpt].length).toBe(140);
    expect(items[0].excerpt.endsWith('…')).toBe(true);
  });
});
