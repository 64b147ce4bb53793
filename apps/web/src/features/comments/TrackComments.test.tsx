import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aComment, aReply } from '@/test/comments';
import { json, problem, route } from '@/test/fake-api';
import { bodyOf, commentList as comments, listUrl, show, track } from './track-page.fixture';

describe('track comments', () => {
  it('lists threads newest first with their replies, the count, and the authors', async () => {
    const top = aComment({ body: 'That bassline at the drop', atMs: 83_000 });
    const thread = {
      ...top,
      replies: [aReply(top, { body: 'Agreed!', author: { ...top.author!, username: 'mia', displayName: null } })],
      replyCount: 1,
    };
    show({ routes: route(`GET ${listUrl}`, () => json(200, { items: [thread], total: 2, nextCursor: null })) });

    const list = await comments();
    expect(within(list).getByText('That bassline at the drop')).toBeTruthy();
    expect(within(list).getByRole('link', { name: 'Linus' }).getAttribute('href')).toBe('/u/linus');
    expect(within(list).getByRole('button', { name: 'Play from 1 minute 23 seconds' })).toBeTruthy();
    expect(within(list).getAllByText('5 minutes ago')).toHaveLength(2);
    const replies = within(list).getByRole('list', { name: 'Replies to Linus' });
    expect(within(replies).getByText('Agreed!')).toBeTruthy();
    expect(within(replies).getByRole('link', { name: 'mia' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Comments 2' })).toBeTruthy();
  });

  it('loads a long thread’s later replies on request, page by page', async () => {
    const top = aComment({ body: 'Long thread' });
    const reply = (n: number) =>
      aReply(top, { id: `00000000-0000-4000-9100-${String(n).padStart(12, '0')}`, body: `Reply ${n}` });
    const thread = { ...top, replies: [reply(1), reply(2)], replyCount: 5, repliesCursor: 'after-2' };
    const repliesUrl = `/api/v1/comments/${top.id}/replies` as const;
    const { server, user } = show({
      routes: {
        ...route(`GET ${listUrl}`, () => json(200, { items: [thread], total: 6, nextCursor: null })),
        ...route(`GET ${repliesUrl}`, (req) =>
          new URL(req.url).searchParams.get('cursor') === 'after-2'
            ? json(200, { items: [reply(3), reply(4)], nextCursor: 'after-4' })
            : json(200, { items: [reply(5)], nextCursor: null }),
        ),
      },
    });
    const list = await comments();
    const replies = within(list).getByRole('list', { name: 'Replies to Linus' });
    expect(within(replies).getAllByRole('article')).toHaveLength(2);
    await user.click(within(list).getByRole('button', { name: 'Show 3 more replies' }));
    await waitFor(() => expect(within(replies).getAllByRole('article')).toHaveLength(4));
    await user.click(within(list).getByRole('button', { name: 'Show more replies' }));
    await waitFor(() => expect(within(replies).getAllByRole('article')).toHaveLength(5));
    expect(within(replies).getByText('Reply 5')).toBeTruthy();
    expect(within(list).queryByRole('button', { name: /more replies/ })).toBeNull();
    const cursors = server.calls(`GET ${repliesUrl}`).map((r) => new URL(r.url).searchParams.get('cursor'));
    expect(cursors).toEqual(['after-2', 'after-4']);
  });

  it('shows an empty state, and asks the signed-out to log in instead of a box', async () => {
    show({ as: null });
    expect(await screen.findByText('No comments yet')).toBeTruthy();
    expect(screen.getByText('Log in to leave the first one.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent(`/tracks/${track.id}`)}`,
    );
    expect(screen.queryByRole('textbox', { name: 'Write a comment' })).toBeNull();
  });

  it('posts a comment without a position when the track is not playing, and clears the box', async () => {
    const { server, user } = show({
      routes: route(`POST ${listUrl}`, () => json(201, aReply({ id: 'x' }, { parentId: null }))),
    });
    const box = await screen.findByRole('textbox', { name: 'Write a comment' });
    expect(screen.queryByRole('checkbox')).toBeNull();
    await user.type(box, '  Lovely  ');
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(server.calls(`POST ${listUrl}`)).toHaveLength(1));
    expect(await bodyOf(server.calls(`POST ${listUrl}`)[0]!)).toEqual({ body: 'Lovely' });
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe(''));
    // The list is fetched again to show it.
    await waitFor(() => expect(server.calls(`GET ${listUrl}`).length).toBeGreaterThanOrEqual(2));
  });

  it('pins a comment to where the listener started typing while the track plays, unless unticked', async () => {
    const { engine, server, user } = show({
      routes: route(`POST ${listUrl}`, () => json(201, aReply({ id: 'x' }, { parentId: null }))),
    });
    await user.click(await screen.findByRole('button', { name: 'Play Night drive' }));
    await waitFor(() => expect(engine.loads).toHaveLength(1));
    act(() => engine.emit({ type: 'time', positionMs: 83_400 }));

    const box = screen.getByRole('textbox', { name: 'Write a comment' });
    await user.type(box, 'Here!');
    act(() => engine.emit({ type: 'time', positionMs: 95_000 }));
    const pin = screen.getByRole('checkbox', { name: 'at 1:23' });
    expect((pin as HTMLInputElement).checked).toBe(true);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(server.calls(`POST ${listUrl}`)).toHaveLength(1));
    expect(await bodyOf(server.calls(`POST ${listUrl}`)[0]!)).toEqual({ body: 'Here!', atMs: 83_000 });

    await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe(''));
    await user.type(box, 'Anywhere');
    await user.click(screen.getByRole('checkbox', { name: 'at 1:35' }));
    await user.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(() => expect(server.calls(`POST ${listUrl}`)).toHaveLength(2));
    expect(await bodyOf(server.calls(`POST ${listUrl}`)[1]!)).toEqual({ body: 'Anywhere' });
  });

  it("shows the server's refusal and keeps the text", async () => {
    const { user } = show({
      routes: route(`POST ${listUrl}`, () =>
        problem(403, 'BLOCKED_BY_OWNER', {
          detail: "The track's owner has blocked you, so you cannot comment on their tracks.",
        }),
      ),
    });
    const box = await screen.findByRole('textbox', { name: 'Write a comment' });
    await user.type(box, 'Let me in');
    await user.click(screen.getByRole('button', { name: 'Post' }));
    expect((await screen.findByRole('alert')).textContent).toContain('owner has blocked you');
    expect((box as HTMLTextAreaElement).value).toBe('Let me in');
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses an empty or too long comment before sending', async () => {
    const { server, user } = show();
    const box = await screen.findByRole('textbox', { name: 'Write a comment' });
    await user.type(box, '   ');
    await user.click(screen.getByRole('button', { name: 'Post' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write something first.');
    await user.clear(box);
    await user.click(box);
    await user.paste('a'.repeat(2001));
    expect(screen.getByText('2,001 / 2,000')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Post' }));
    expect((await screen.findByRole('alert')).textContent).toContain('limited to 2,000 characters');
    expect(server.calls(`POST ${listUrl}`)).toHaveLength(0);
  });

  it('replies to a top-level comment, with the reply box opened by keyboard', async () => {
    const top = aComment({ body: 'Question?' });
    const { server, user } = show({
      routes: {
        ...route(`GET ${listUrl}`, () => json(200, { items: [top], total: 1, nextCursor: null })),
        ...route(`POST ${listUrl}`, () => json(201, aReply(top))),
      },
    });
    const list = await comments();
    within(list).getByRole('button', { name: 'Reply' }).focus();
    await user.keyboard('{Enter}');
    const box = screen.getByRole('textbox', { name: 'Reply to Linus' });
    expect(document.activeElement).toBe(box);
    await user.type(box, 'Answer');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(server.calls(`POST ${listUrl}`)).toHaveLength(1));
    expect(await bodyOf(server.calls(`POST ${listUrl}`)[0]!)).toEqual({ body: 'Answer', parentId: top.id });
  });
});
