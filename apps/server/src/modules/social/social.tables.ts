import type { Timestamp } from '@/platform/db/schema';

/** A user's like or repost of a track: the same edge, in two tables. */
export interface TrackEdgeTable {
  user_id: string;
  track_id: string;
  created_at: Timestamp;
}

/** A user's like or repost of a playlist. */
export interface PlaylistEdgeTable {
  user_id: string;
  playlist_id: string;
  created_at: Timestamp;
}

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: Timestamp;
}

export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: Timestamp;
}

declare module '@/platform/db/schema' {
  interface Database {
    track_likes: TrackEdgeTable;
    track_reposts: TrackEdgeTable;
    playlist_likes: PlaylistEdgeTable;
    playlist_reposts: PlaylistEdgeTable;
    follows: FollowsTable;
    blocks: BlocksTable;
  }
}

export type TrackEdgeTableName = 'track_likes' | 'track_reposts';
export type PlaylistEdgeTableName = 'playlist_likes' | 'playlist_reposts';
