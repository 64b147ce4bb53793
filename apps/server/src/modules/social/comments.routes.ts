import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { problems } from '@/platform/http/problem';
import { ListQuery, TrackParams } from '@/modules/tracks/tracks.schemas';
import {
  Comment,
  CommentEdit,
  CommentList,
  CommentMarkers,
  CommentParams,
  CommentReplies,
  NewComment,
} from './comments.schemas';
import type { CommentsService } from './comments.service';

export function registerCommentRoutes(root: FastifyInstance, { comments }: { comments: CommentsService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['comments'];

  app.post(
    '/api/v1/tracks/:id/comments',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'postComment',
        tags,
        summary: 'Comment on a track, optionally at a position, or reply to a top-level comment',
        description:
          'The body is trimmed and must then hold 1 to 2,000 characters. Threads are one level deep: ' +
          'replying to a reply answers 400 REPLY_TO_REPLY (reply to the comment that started the thread).',
        params: TrackParams,
        body: NewComment,
        response: {
          201: Comment,
          ...problems({
            400: ['REPLY_TO_REPLY'],
            403: ['BLOCKED_BY_OWNER'],
            404: ['TRACK_NOT_FOUND', 'COMMENT_NOT_FOUND'],
            409: ['TRACK_NOT_READY'],
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await comments.post(principalOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/tracks/:id/comments',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listComments',
        tags,
        summary: "A track's comments, newest first, each with its first replies (oldest first)",
        params: TrackParams,
        querystring: ListQuery,
        response: { 200: CommentList, ...problems({ 404: ['TRACK_NOT_FOUND'] }) },
      },
    },
    (req) => comments.list(req.principal, req.params.id, req.query),
  );

  app.get(
    '/api/v1/tracks/:id/comments/markers',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listCommentMarkers',
        tags,
        summary: "Positioned comments for the track's waveform, in track order (the newest 500 at most)",
        params: TrackParams,
        response: { 200: CommentMarkers, ...problems({ 404: ['TRACK_NOT_FOUND'] }) },
      },
    },
    (req) => comments.markers(req.principal, req.params.id),
  );

  app.get(
    '/api/v1/comments/:id/replies',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listCommentReplies',
        tags,
        summary: "A thread's replies, oldest first",
        description:
          'For threads with more replies than the comment list shows: start from the thread’s `repliesCursor`. ' +
          'The comment must start a thread on a track you may see.',
        params: CommentParams,
        querystring: ListQuery,
        response: { 200: CommentReplies, ...problems({ 404: ['COMMENT_NOT_FOUND'] }) },
      },
    },
    (req) => comments.replies(req.principal, req.params.id, req.query),
  );

  app.patch(
    '/api/v1/comments/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'editComment',
        tags,
        summary: 'Edit the body of your own comment',
        params: CommentParams,
        body: CommentEdit,
        response: { 200: Comment, ...problems({ 403: ['NOT_COMMENT_AUTHOR'], 404: ['COMMENT_NOT_FOUND'] }) },
      },
    },
    (req) => comments.edit(principalOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/comments/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'deleteComment',
        tags,
        summary: "Delete a comment (its author, the track's owner, moderators and admins)",
        description: 'A comment with replies stays as a placeholder without body or author, so its thread remains.',
        params: CommentParams,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problems({ 403: ['COMMENT_DELETE_FORBIDDEN'], 404: ['COMMENT_NOT_FOUND'] }),
        },
      },
    },
    async (req, reply) => {
      await comments.delete(principalOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
