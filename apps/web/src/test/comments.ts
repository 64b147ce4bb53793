import type { Comment, CommentMarker, CommentThread } from '@/features/comments/comments.types';

let n = 0;

/** A live top-level comment by Linus, posted a few minutes before the tests' "now"; override what the test is about. */
export function aComment(overrides: Partial<CommentThread> = {}): CommentThread {
  n++;
  return {
    id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    trackId: '00000000-0000-4000-8000-000000000001',
    parentId: null,
    body: `Comment ${n}`,
    atMs: null,
    author: {
      id: '1c2d3e4f-0000-4000-8000-00000000aaaa',
      username: 'linus',
      displayName: 'Linus',
      avatarUrl: null,
    },
    deleted: false,
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    editedAt: null,
    replies: [],
    replyCount: 0,
    repliesCursor: null,
    ...overrides,
  };
}

/** A reply (no replies of its own) to `parent`. */
export function aReply(parent: { id: string }, overrides: Partial<Comment> = {}): Comment {
  const { id, trackId, parentId, body, atMs, author, deleted, createdAt, editedAt } = aComment({
    parentId: parent.id,
    ...overrides,
  });
  return { id, trackId, parentId, body, atMs, author, deleted, createdAt, editedAt };
}

export function aMarker(overrides: Partial<CommentMarker> = {}): CommentMarker {
  const { id, atMs, body, author } = aComment();
  return { id, atMs: atMs ?? 0, excerpt: body, author: author!, ...overrides };
}
