import { Conflict, Forbidden } from '@/platform/http/errors';

/**
 * The caller can see the track (they hold its link, or own it) but it is
 * not public: a repost shows it to the reposter's followers, which its
 * owner did not choose.
 */
export class TrackNotRepostable extends Conflict {
  constructor() {
    super(
      'TRACK_NOT_REPOSTABLE',
      'Track cannot be reposted',
      'Only public tracks that finished processing can be reposted.',
    );
  }
}

export class OwnTrackRepost extends Conflict {
  constructor() {
    super(
      'CANNOT_REPOST_OWN_TRACK',
      'Cannot repost your own track',
      'Your followers already see your uploads; reposts share other artists’ tracks.',
    );
  }
}

export class SelfFollow extends Conflict {
  constructor() {
    super('CANNOT_FOLLOW_SELF', 'Cannot follow yourself', 'Follow other people to see their music.');
  }
}

export class SelfBlock extends Conflict {
  constructor() {
    super('CANNOT_BLOCK_SELF', 'Cannot block yourself');
  }
}

/** A block stands between the two users, in either direction. */
export class Blocked extends Forbidden {
  constructor(byCaller: boolean) {
    super(
      'BLOCKED',
      'Blocked',
      byCaller ? 'You blocked this user; unblock them to follow them.' : 'This user has blocked you.',
    );
  }
}

/** Only public playlists can be reposted: a repost shows the playlist to the reposter's followers. */
export class PlaylistNotRepostable extends Conflict {
  constructor() {
    super('PLAYLIST_NOT_REPOSTABLE', 'Playlist cannot be reposted', 'Only public playlists can be reposted.');
  }
}

export class OwnPlaylistRepost extends Conflict {
  constructor() {
    super(
      'CANNOT_REPOST_OWN_PLAYLIST',
      'Cannot repost your own playlist',
      'Reposts share other people’s playlists with your followers.',
    );
  }
}

/** The user keeps the tracks they liked to themselves (their profile setting `likesPublic`). */
export class LikesHidden extends Forbidden {
  constructor() {
    super('LIKES_HIDDEN', 'Likes are private', 'This user keeps the tracks they liked to themselves.');
  }
}
