/** The comments feature's query keys, under one root (see tracks.keys.ts): a track's list and markers go together. */
export const commentKeys = {
  all: ['comments'] as const,
  track: (trackId: string) => [...commentKeys.all, trackId] as const,
  list: (trackId: string) => [...commentKeys.track(trackId), 'list'] as const,
  markers: (trackId: string) => [...commentKeys.track(trackId), 'markers'] as const,
  replies: (trackId: string, threadId: string) => [...commentKeys.track(trackId), 'replies', threadId] as const,
};
