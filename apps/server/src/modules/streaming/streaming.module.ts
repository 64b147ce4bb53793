import type { TracksService } from '@/modules/tracks/tracks.service';
import { securityHeaders } from '@/platform/http/front-door';
import { requestIdFrom } from '@/platform/http/request-id';
import { defineModule } from '@/platform/module';
import { SegmentCache } from './segment-cache';
import { segmentFastPath } from './segment-fast-path';
import { streamTokenKey } from './stream-token';
import { registerStreamDeliveryRoutes, registerStreamingApiRoutes } from './streaming.routes';
import { StreamingService } from './streaming.service';
import './streaming.events';

export const streamingModule = defineModule({
  name: 'streaming',
  build: (p, { tracks }: { tracks: TracksService }) => {
    const { config } = p;
    // One service for the API and delivery: the token key is derived, and the segment cache sized, once.
    const streaming = new StreamingService({
      tracks,
      storage: p.storage,
      clock: p.clock,
      tokenKey: streamTokenKey(config.auth.sessionSecret),
      tokenTtlMs: config.streaming.tokenTtlMs,
      cache: new SegmentCache(config.streaming.segmentCacheBytes),
    });
    return {
      services: { streaming },
      api: (api) => registerStreamingApiRoutes(api, { streaming }),
      stream({ app, answerFirst, routeMetrics, closing }) {
        registerStreamDeliveryRoutes(app, { streaming, bus: p.bus });
        // Hot segments are answered before Fastify: the framework cost more than the work (benchmark H).
        answerFirst(
          segmentFastPath({
            streaming,
            securityHeaders: securityHeaders({ https: config.publicUrl.startsWith('https://') }),
            requestId: requestIdFrom,
            metrics: routeMetrics,
            closing,
          }),
        );
      },
      subscriptions: {
        // Caches live in every stream role's memory: the one delivery fans out as a live push.
        'track.deleted': ({ trackId }) => p.bus.publish('stream.evict', { trackId }),
      },
    };
  },
});
