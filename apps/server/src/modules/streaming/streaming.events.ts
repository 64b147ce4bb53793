/** Live pushes of the streaming module. */
export type StreamingLiveEvents = {
  /** A track is gone: every stream role drops its cached segments, so old links stop playing there too. */
  'stream.evict': { trackId: string };
};

declare module '@/platform/events/bus' {
  interface LiveEvents extends StreamingLiveEvents {}
}
