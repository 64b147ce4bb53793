import type { paths } from '@/api/schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type CommentList = JsonOf<paths['/api/v1/tracks/{id}/comments']['get']['responses'][200]>;
export type CommentThread = CommentList['items'][number];
export type Comment = JsonOf<paths['/api/v1/comments/{id}']['patch']['responses'][200]>;
export type CommentAuthor = NonNullable<Comment['author']>;
export type CommentMarker = JsonOf<
  paths['/api/v1/tracks/{id}/comments/markers']['get']['responses'][200]
>['items'][number];

/** The server's limit, after trimming. */
export const COMMENT_MAX = 2000;
