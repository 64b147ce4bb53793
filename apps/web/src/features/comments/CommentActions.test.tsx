import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aComment, aReply } from '@/test/comments';
import { aMe, json, noContent, problem, route } from '@/test/fake-api';
import { bodyOf, commentList, listUrl, me, owner, show } from './track-page.fixture';

const mine = aComment({
  body: 'My take',
  author: { id: me.id, username: me.username, displayName: 'Ada Lovelace', avatarUrl: null },
});
const theirs = aComment({ body: 'Their take' });
const listed = (...items: ReturnType<typeof aComment>[]) =>
  route(`GET ${listUrl}`, () => json(200, { items, total: items.length, nextCursor: null }));
const card = (name: RegExp | string) => screen.getByRole('article', { name });

describe('comment actions', () => {
  it("offers edit and delete on one's own comment only", async () => {
    show({ routes: listed(mine, theirs) });
    await commentList();
    const own = card('Comment by Ada Lovelace');
    expect(within(own).getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(within(own).getByRole('button', { name: 'Delete' })).toBeTruthy();
    const other = card('Comment by Linus');
    expect(within(other).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(other).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(other).getByRole('button', { name: 'Reply' })).toBeTruthy();
  });

  it("lets the track's owner and moderators delete anyone's comment, but not edit it", async () => {
    for (const viewer of [owner, aMe({ id: '3b3b3b3b-0000-4000-8000-000000000001', role: 'moderator' })]) {
      const { unmount } = show({ as: viewer, routes: listed(theirs) });
      await commentList();
      const other = card('Comment by Linus');
      expect(within(other).getByRole('button', { name: 'Delete' })).toBeTruthy();
      expect(within(other).queryByRole('button', { name: 'Edit' })).toBeNull();
      unmount();
    }
  });

  it('edits in place; Escape cancels and Save sends the new text', async () => {
    const patchUrl = `/api/v1/comments/${mine.id}` as const;
    const { server, user } = show({
      routes: {
        ...listed(mine),
        ...route(`PATCH ${patchUrl}`, () =>
          json(200, { ...mine, body: 'Better take', editedAt: new Date().toISOString() }),
        ),
      },
    });
    await commentList();
    await user.click(within(card('Comment by Ada Lovelace')).getByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Edit your comment' });
    expect(document.activeElement).toBe(box);
    expect((box as HTMLTextAreaElement).value).toBe('My take');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Edit your comment' })).toBeNull();

    await user.click(within(card('Comment by Ada Lovelace')).getByRole('button', { name: 'Edit' }));
    await user.clear(screen.getByRole('textbox', { name: 'Edit your comment' }));
    await user.type(screen.getByRole('textbox', { name: 'Edit your comment' }), 'Better take');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(server.calls(`PATCH ${patchUrl}`)).toHaveLength(1));
    expect(await bodyOf(server.calls(`PATCH ${patchUrl}`)[0]!)).toEqual({ body: 'Better take' });
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Edit your comment' })).toBeNull());
  });

  it('deletes after a confirmation, with a toast; "Keep it" sends nothing', async () => {
    const deleteUrl = `/api/v1/comments/${mine.id}` as const;
    let deleted = false;
    const { server, user } = show({
      routes: {
        ...route(`GET ${listUrl}`, () =>
          json(200, { items: deleted ? [theirs] : [mine, theirs], total: deleted ? 1 : 2, nextCursor: null }),
        ),
        ...route(`DELETE ${deleteUrl}`, () => {
          deleted = true;
          return noContent();
        }),
      },
    });
    await commentList();
    await user.click(within(card('Comment by Ada Lovelace')).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deletion' });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Delete' }));
    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(server.calls(`DELETE ${deleteUrl}`)).toHaveLength(0);

    await user.click(within(card('Comment by Ada Lovelace')).getByRole('button', { name: 'Delete' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(server.calls(`DELETE ${deleteUrl}`)).toHaveLength(1));
    expect(await screen.findByText('Comment deleted.')).toBeTruthy();
    expect(screen.queryByText('My take')).toBeNull();
  });

  it('says why a deletion failed', async () => {
    const deleteUrl = `/api/v1/comments/${mine.id}` as const;
    const { user } = show({
      routes: {
        ...listed(mine),
        ...route(`DELETE ${deleteUrl}`, () =>
          problem(404, 'COMMENT_NOT_FOUND', {
            detail: 'No comment with that id on a track you can see, or it was deleted.',
          }),
        ),
      },
    });
    await commentList();
    await user.click(within(card('Comment by Ada Lovelace')).getByRole('button', { name: 'Delete' }));
    await user.click(
      within(screen.getByRole('group', { name: 'Confirm deletion' })).getByRole('button', { name: 'Delete' }),
    );
    expect(await screen.findByText(/or it was deleted/)).toBeTruthy();
  });

  it('shows a deleted comment that has replies as a placeholder, with the replies', async () => {
    const gone = aComment({ deleted: true, body: '', author: null });
    show({ routes: listed({ ...gone, replies: [aReply(gone, { body: 'Still here' })], replyCount: 1 }) });
    await commentList();
    const placeholder = card('Deleted comment');
    expect(within(placeholder).getByText('This comment was deleted.')).toBeTruthy();
    expect(within(placeholder).getByText('Still here')).toBeTruthy();
    expect(within(placeholder).queryByRole('button', { name: 'Reply' })).toBeNull();
  });

  it('explains a failed load and tries again', async () => {
    let fail = true;
    const { user } = show({
      routes: route(`GET ${listUrl}`, () =>
        fail ? problem(503, 'DATABASE_UNAVAILABLE') : json(200, { items: [theirs], total: 1, nextCursor: null }),
      ),
    });
    expect(await screen.findByText("We couldn't load the comments")).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Their take')).toBeTruthy();
  });
});
