import { Type, type Static } from '@sinclair/typebox';

export const COMMENT_BODY_MAX = 2000;
/** The waveform shows at most this many markers: past it, the newest. */
export const MARKERS_MAX = 500;
/** Replies shown under each comment of a page (oldest first); `replyCount` tells when there are more. */
export const REPLIES_SHOWN = 50;
/** A marker's tooltip shows the start of the comment. */
export const MARKER_EXCERPT = 140;

export const CommentParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/**
 * The body is checked after trimming by the service (1 to 2,000 characters,
 * no NUL), so the answer names the rule broken; this bound only stops a
 * huge payload early.
 */
const RawBody = Type.String({ maxLength: 4 * COMMENT_BODY_MAX });

export const NewComment = Type.Object(
  {
    body: RawBody,
    atMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: "Position in the track, in milliseconds (at most its duration). Replies take their parent's.",
      }),
    ),
    parentId: Type.Optional(
      Type.String({ format: 'uuid', description: 'The top-level comment this answers (threads are one level deep).' }),
    ),
  },
  { additionalProperties: false },
);
export type NewComment = Static<typeof NewComment>;

export const CommentEdit = Type.Object({ body: RawBody }, { additionalProperties: false });
export type CommentEdit = Static<typeof CommentEdit>;

export const CommentAuthor = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
});
export type CommentAuthor = Static<typeof CommentAuthor>;

const commentFields = {
  id: Type.String({ format: 'uuid' }),
  trackId: Type.String({ format: 'uuid' }),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  body: Type.String({ description: 'Empty for a deleted comment kept for its replies.' }),
  atMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  author: Type.Union([CommentAuthor, Type.Null()], { description: 'Null for a deleted comment.' }),
  deleted: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};

export const Comment = Type.Object(commentFields);
export type Comment = Static<typeof Comment>;

export const CommentThread = Type.Object({
  ...commentFields,
  replies: Type.Array(Comment, { description: `Oldest first, at most ${REPLIES_SHOWN}.` }),
  replyCount: Type.Integer({ minimum: 0 }),
  repliesCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'When the thread has more replies than shown: pass as `cursor` to `GET /comments/{id}/replies`.',
  }),
});
export type CommentThread = Static<typeof CommentThread>;

export const CommentList = Type.Object({
  items: Type.Array(CommentThread),
  total: Type.Integer({ minimum: 0, description: 'Comments and replies on the track the viewer is shown.' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` for the next page; null on the last page.',
  }),
});
export type CommentList = Static<typeof CommentList>;

export const CommentReplies = Type.Object({
  items: Type.Array(Comment),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` for the next page; null on the last page.',
  }),
});
export type CommentReplies = Static<typeof CommentReplies>;

export const CommentMarker = Type.Object({
  id: Type.String({ format: 'uuid' }),
  atMs: Type.Integer({ minimum: 0 }),
  excerpt: Type.String({ description: `The first ${MARKER_EXCERPT} characters of the comment.` }),
  author: CommentAuthor,
});
export type CommentMarker = Static<typeof CommentMarker>;

export const CommentMarkers = Type.Object({ items: Type.Array(CommentMarker) });
export type CommentMarkers = Static<typeof CommentMarkers>;
