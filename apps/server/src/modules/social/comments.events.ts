/** Durable events of timed comments (social module). */
export type CommentEvents = {
  /** A comment or reply was posted: notifications tell the track's owner and, for a reply, the parent's author. */
  'comment.posted': {
    commentId: string;
    trackId: string;
    trackOwnerId: string;
    authorId: string;
    parentId: string | null;
    parentAuthorId: string | null;
  };
};

declare module '@/platform/events/outbox' {
  interface DomainEvents extends CommentEvents {}
}
