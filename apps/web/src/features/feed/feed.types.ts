import type { paths } from '@/api/schema';

export type FeedPage = paths['/api/v1/feed']['get']['responses'][200]['content']['application/json'];
export type FeedItem = FeedPage['items'][number];
export type FeedUser = FeedItem['repostedBy']['users'][number];
export type FeedTrack = Extract<FeedItem, { track: unknown }>['track'];
export type FeedPlaylist = Extract<FeedItem, { playlist: unknown }>['playlist'];
