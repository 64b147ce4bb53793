import { AppError, Conflict, Forbidden, NotFound, PreconditionFailed, type FieldError } from '@/platform/http/errors';

export class PlaylistNotFound extends NotFound {
  constructor() {
    super('PLAYLIST_NOT_FOUND', 'Playlist not found', 'No playlist with that id, or it is private.');
  }
}

export class PlaylistItemNotFound extends NotFound {
  constructor() {
    super('PLAYLIST_ITEM_NOT_FOUND', 'Playlist item not found', 'This playlist has no item with that id.');
  }
}

/** Renaming, re-sharing, deleting and inviting are the owner's alone. */
export class NotPlaylistOwner extends Forbidden {
  constructor() {
    super('NOT_PLAYLIST_OWNER', 'Not your playlist', 'Only the owner of this playlist may do that.');
  }
}

/** Adding, removing and reordering are for the owner and the collaborators they invited. */
export class NotPlaylistEditor extends Forbidden {
  constructor() {
    super(
      'NOT_PLAYLIST_EDITOR',
      'Not an editor',
      'Only the owner and collaborators may change the tracks of this playlist.',
    );
  }
}

/** Some tracks to add do not exist for the caller; the field errors name them, nothing is added. */
export class TracksNotFound extends AppError {
  readonly status = 404;
  readonly code = 'TRACK_NOT_FOUND';
  constructor(errors: FieldError[]) {
    super('Track not found', 'Some of these tracks do not exist, or are private.', errors);
  }
}

export class PlaylistFull extends Conflict {
  constructor(max: number) {
    super('PLAYLIST_FULL', 'Playlist full', `A playlist holds at most ${max} tracks.`);
  }
}

export class OwnerIsNotCollaborator extends Conflict {
  constructor() {
    super('COLLABORATOR_IS_OWNER', 'Already the owner', 'The owner of a playlist cannot also be its collaborator.');
  }
}

/** The client's view (If-Match) is older than the playlist: it should reload and retry. */
export class PlaylistVersionMismatch extends PreconditionFailed {
  constructor(current: number) {
    super('PLAYLIST_VERSION_MISMATCH', `The playlist changed since you loaded it; it is now at version ${current}.`);
  }
}

export class PlaylistCoverNotFound extends NotFound {
  constructor() {
    super('COVER_NOT_FOUND', 'No cover', 'This playlist has no cover yet: none of its tracks has one.');
  }
}
