import { describe, expect, it } from 'vitest';
import type { UserRole } from '@/platform/db/schema';
import { createTestApp, expectProblem } from '../../../test/app';

const t = await createTestApp();
const { app, given } = t;

async function signedIn(role: UserRole = 'listener') {
  const user = await given.user({ role });
  return { user, auth: (await given.session(user)).auth };
}

async function comment(auth: Record<string, string>, trackId: string, payload: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: `/api/v1/tracks/${trackId}/comments`, headers: auth, payload });
  if (res.statusCode !== 201) throw new Error(`comment failed: ${res.statusCode} ${res.body}`);
  // The clock is fake: without a step, comments share an instant and their order is their random ids'.
  t.clock.advance(1);
  return res.json<{ id: string }>();
}

const edit = (auth: Record<string, string>, id: string, body: string) =>
  app.inject({ method: 'PATCH', url: `/api/v1/comments/${id}`, headers: auth, payload: { body } });
const remove = (auth: Record<string, string>, id: string) =>
  app.inject({ method: 'DELETE', url: `/api/v1/comments/${id}`, headers: auth });
/** The counter on the track, as its page shows it. */
const commentCount = async (trackId: string) =>
  (await app.inject({ url: `/api/v1/tracks/${trackId}` })).json<{ commentCount: number }>().commentCount;
const listed = async (trackId: string, auth?: Record<string, string>) => {
  const res = await app.inject({ url: `/api/v1/tracks/${trackId}/comments`, ...(auth ? { headers: auth } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    total: number;
    items: { id: string; body: string; deleted: boolean; author: unknown; replies: { id: string; body: string }[] }[];
  }>();
};

describe('editing comments', () => {
  it('lets the author edit their own comment, and no one else', async () => {
    const owner = await signedIn('artist');
    const track = await given.track({ owner: owner.user });
    const author = await signedIn();
    const { id } = await comment(author.auth, track.id, { body: 'frist' });

    t.clock.advance(5000);
    const res = await edit(author.auth, id, ' first ');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, body: 'first', editedAt: t.clock.now().toISOString() });

    for (const other of [owner, await signedIn('moderator'), await signedIn()]) {
      expectProblem(await edit(other.auth, id, 'hijacked'), 403, 'NOT_COMMENT_AUTHOR');
    }
    expectProblem(await edit(author.auth, id, '   '), 400, 'VALIDATION_FAILED');
    expectProblem(await edit(author.auth, id, 'x'.repeat(2001)), 400, 'VALIDATION_FAILED');
    expectProblem(await edit({}, id, 'anon'), 401);
    expect((await listed(track.id)).items[0]!.body).toBe('first');
  });

  it('hides comments of a track that went private from everyone but its owner', async () => {
    const owner = await signedIn('artist');
    const track = await given.track({ owner: owner.user });
    const author = await signedIn();
    const { id } = await comment(author.auth, track.id, { body: 'hello' });
    await t.c.db.updateTable('tracks').set({ visibility: 'private' }).where('id', '=', track.id).execute();
    expectProblem(await edit(author.auth, id, 'still here?'), 404, 'COMMENT_NOT_FOUND');
    expectProblem(await remove(author.auth, id), 404, 'COMMENT_NOT_FOUND');
    expect((await remove(owner.auth, id)).statusCode).toBe(204);
  });
});

describe('deleting comments', () => {
  it('follows the rights table: author, track owner, moderator and admin may; a stranger may not', async () => {
    const owner = await signedIn('artist');
    const track = await given.track({ owner: owner.user });
    const author = await signedIn();
    const cases = [
      { who: 'author', caller: author, status: 204 },
      { who: "the track's owner", caller: owner, status: 204 },
      { who: 'a moderator', caller: await signedIn('moderator'), status: 204 },
      { who: 'an admin', caller: await signedIn('admin'), status: 204 },
      { who: 'a stranger', caller: await signedIn(), status: 403 },
      { who: 'another artist', caller: await signedIn('artist'), status: 403 },
    ];
    for (const { who, caller, status } of cases) {
      const { id } = await comment(author.auth, track.id, { body: `for ${who}` });
      const res = await remove(caller.auth, id);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
      if (status === 403) expect(res.json().code).toBe('COMMENT_DELETE_FORBIDDEN');
    }
    const left = await listed(track.id);
    expect(left.items.map((c) => c.body).sort()).toEqual(['for a stranger', 'for another artist']);
    expect(left.total).toBe(2);
    expect(await commentCount(track.id)).toBe(2);
  });

  it('keeps a deleted comment with replies as a placeholder, and removes it with its last reply', async () => {
    const track = await given.track();
    const a = await signedIn();
    const b = await signedIn();
    const top = await comment(a.auth, track.id, { body: 'start', atMs: 100 });
    const r1 = await comment(b.auth, track.id, { body: 'one', parentId: top.id });
    const r2 = await comment(b.auth, track.id, { body: 'two', parentId: top.id });

    expect(await commentCount(track.id)).toBe(3);
    expect((await remove(a.auth, top.id)).statusCode).toBe(204);
    expect(await commentCount(track.id)).toBe(2);
    let page = await listed(track.id);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: top.id, deleted: true, body: '', author: null });
    expect(page.items[0]!.replies.map((r) => r.body)).toEqual(['one', 'two']);
    expect(page.total).toBe(2);
    // Gone from the waveform, not answerable, not deletable twice.
    const markers = await app.inject({ url: `/api/v1/tracks/${track.id}/comments/markers` });
    expect(markers.json().items).toEqual([]);
    expectProblem(
      await app.inject({
        method: 'POST',
        url: `/api/v1/tracks/${track.id}/comments`,
        headers: b.auth,
        payload: { body: 'three', parentId: top.id },
      }),
      404,
      'COMMENT_NOT_FOUND',
    );
    expectProblem(await remove(a.auth, top.id), 404, 'COMMENT_NOT_FOUND');
    expectProblem(await edit(a.auth, top.id, 'back'), 404, 'COMMENT_NOT_FOUND');

    expect((await remove(b.auth, r1.id)).statusCode).toBe(204);
    expect((await listed(track.id)).items[0]!.replies.map((r) => r.body)).toEqual(['two']);
    expect((await remove(b.auth, r2.id)).statusCode).toBe(204);
    page = await listed(track.id);
    expect(page.items).toEqual([]);
    expect(page.total).toBe(0);
    expect(await commentCount(track.id)).toBe(0);
  });

  it('removes a comment without replies outright, and a reply without touching its live parent', async () => {
    const track = await given.track();
    const a = await signedIn();
    const top = await comment(a.auth, track.id, { body: 'start' });
    const reply = await comment(a.auth, track.id, { body: 'me again', parentId: top.id });
    expect((await remove(a.auth, reply.id)).statusCode).toBe(204);
    expect((await listed(track.id)).items).toMatchObject([{ id: top.id, deleted: false, replies: [] }]);
    expect((await remove(a.auth, top.id)).statusCode).toBe(204);
    expect((await listed(track.id)).items).toEqual([]);
  });
});

describe('blocks', () => {
  it("refuses comments and replies from a user the track's owner blocked, and hides their comments", async () => {
    const owner = await signedIn('artist');
    const track = await given.track({ owner: owner.user });
    const troll = await signedIn();
    const fan = await signedIn();
    const before = await comment(troll.auth, track.id, { body: 'before the block' });
    const top = await comment(fan.auth, track.id, { body: 'nice' });

    const block = await app.inject({
      method: 'PUT',
      url: `/api/v1/users/${troll.user.username}/block`,
      headers: owner.auth,
    });
    expect(block.statusCode, block.body).toBe(200);

    const refused = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/v1/tracks/${track.id}/comments`, headers: troll.auth, payload });
    expectProblem(await refused({ body: 'let me in' }), 403, 'BLOCKED_BY_OWNER');
    expectProblem(await refused({ body: 'let me in', parentId: top.id }), 403, 'BLOCKED_BY_OWNER');
    // The block is the owner's: the troll still comments on other artists' tracks.
    await comment(troll.auth, (await given.track()).id, { body: 'elsewhere' });

    for (const viewer of [undefined, fan.auth, owner.auth]) {
      const page = await listed(track.id, viewer);
      expect(page.items.map((c) => c.id)).toEqual([top.id]);
    }
    expect(before.id).not.toBe(top.id);
  });

  it("hides the comments of users the viewer blocked, from the viewer's list and waveform only", async () => {
    const track = await given.track();
    const viewer = await signedIn();
    const loud = await signedIn();
    await comment(loud.auth, track.id, { body: 'LOUD', atMs: 10 });
    await comment(viewer.auth, track.id, { body: 'quiet', atMs: 20 });
    await app.inject({ method: 'PUT', url: `/api/v1/users/${loud.user.username}/block`, headers: viewer.auth });

    expect((await listed(track.id, viewer.auth)).items.map((c) => c.body)).toEqual(['quiet']);
    const markers = await app.inject({ url: `/api/v1/tracks/${track.id}/comments/markers`, headers: viewer.auth });
    expect(markers.json().items.map((m: { excerpt: string }) => m.excerpt)).toEqual(['quiet']);
    expect((await listed(track.id)).items.map((c) => c.body)).toEqual(['quiet', 'LOUD']);
  });
});
