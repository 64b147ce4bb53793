import { BadRequest, Conflict, Forbidden, NotFound } from '@/platform/http/errors';

export class CommentNotFound extends NotFound {
  constructor() {
    super(
      'COMMENT_NOT_FOUND',
      'Comment not found',
      'No comment with that id on a track you can see, or it was deleted.',
    );
  }
}

/** Threads are one level deep, so a conversation stays readable on a phone. */
export class ReplyToReply extends BadRequest {
  constructor() {
    super('REPLY_TO_REPLY', 'Cannot reply to a reply', 'Reply to the comment that started the thread instead.');
  }
}

export class TrackNotOpenForComments extends Conflict {
  constructor() {
    super('TRACK_NOT_READY', 'Track not ready', 'Comments open once the track has finished processing.');
  }
}

/** The track's owner blocked the caller: their comments no longer reach the owner's tracks. */
export class BlockedByOwner extends Forbidden {
  constructor() {
    super('BLOCKED_BY_OWNER', 'Blocked', "The track's owner has blocked you, so you cannot comment on their tracks.");
  }
}

export class NotCommentAuthor extends Forbidden {
  constructor() {
    super('NOT_COMMENT_AUTHOR', 'Not your comment', 'Only its author can edit a comment.');
  }
}

export class CommentDeleteForbidden extends Forbidden {
  constructor() {
    super(
      'COMMENT_DELETE_FORBIDDEN',
      'Not allowed to delete this comment',
      "A comment can be deleted by its author, the track's owner and moderators.",
    );
  }
}
