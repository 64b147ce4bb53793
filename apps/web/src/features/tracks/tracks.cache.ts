import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Track, TrackPage } from '@/api';

import { trackKeys } from './tracks.keys';

export const MY_TRACKS_KEY = trackKeys.mine();
export const trackKey = trackKeys.detail;

export type MyTracksData = InfiniteData<TrackPage, string | null>;

/** Applies `change` to the track with `id` wherever "My tracks" holds it; says whether it was there. */
export function patchMyTrack(queryClient: QueryClient, id: string, change: (track: Track) => Track): boolean {
  let found = false;
  queryClient.setQueryData<MyTracksData>(MY_TRACKS_KEY, (data) => {
    if (!data) return data;
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((track) => {
          if (track.id !== id) return track;
          found = true;
          return change(track);
        }),
      })),
    };
  });
  return found;
}

export function removeMyTrack(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<MyTracksData>(MY_TRACKS_KEY, (data) =>
    data
      ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((t) => t.id !== id) })) }
      : data,
  );
  queryClient.removeQueries({ queryKey: trackKey(id) });
}

/** A track as lists hold it: the detail without its waveform. */
export function asListItem(track: Track & { waveform?: unknown }): Track {
  const item = { ...track };
  delete item.waveform;
  return item;
}

export function anyProcessing(data: MyTracksData | undefined): boolean {
  return data?.pages.some((page) => page.items.some((t) => t.status === 'processing')) ?? false;
}
