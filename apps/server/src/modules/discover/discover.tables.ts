import type { Timestamp } from '@/platform/db/schema';

/** The last refresh's most played tracks of the week (any visibility: filtered per viewer when read). */
export interface TrendingTracksTable {
  track_id: string;
  plays: number;
  refreshed_at: Timestamp;
}

declare module '@/platform/db/schema' {
  interface Database {
    trending_tracks: TrendingTracksTable;
  }
}
