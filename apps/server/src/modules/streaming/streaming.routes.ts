import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus, LiveEvents } from '@/platform/events/bus';
import { problems } from '@/platform/http/problem';
import { decideRange, etagMatches, ifRangeHolds } from './byte-range';
import { RangeNotSatisfiable } from './streaming.errors';
import { MasterParams, SegmentParams, StreamLink, TokenQuery, TrackIdParams, VariantParams } from './streaming.schemas';
import type { SegmentFile, StreamingService } from './streaming.service';

/** The API side: hands out signed links (inside the API context, so with access control). */
export function registerStreamingApiRoutes(
  root: FastifyInstance,
  { streaming }: { streaming: StreamingService },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/tracks/:id/stream',
    {
      // Public: anonymous listeners play public and unlisted tracks. A valid
      // bearer token still identifies the viewer (access control resolves it
      // on public routes too), which is what opens the owner's private tracks.
      config: { access: 'public' },
      schema: {
        operationId: 'getStreamLink',
        tags: ['streaming'],
        summary: 'A link to play a track',
        description:
          'Returns the URL of the HLS master playlist with a signed token valid for a few hours. ' +
          'Public and unlisted tracks play for anyone; private tracks only for their owner (signed in). ' +
          'A track someone may not see answers 404, as if it did not exist.',
        params: TrackIdParams,
        response: { 200: StreamLink, ...problems({ 404: ['TRACK_NOT_FOUND'], 409: ['TRACK_NOT_READY'] }) },
      },
    },
    (req) => streaming.link(req.principal, req.params.id),
  );
}

const PLAYLIST_HEADERS = {
  'content-type': 'application/vnd.apple.mpegurl',
  // They carry the token: no cache may keep or share them.
  'cache-control': 'private, no-store',
};
/**
 * A version's segments never change. A public track's may sit in shared
 * caches (a CDN, a proxy); an unlisted or private track's only in the
 * listener's own, as a shared cache would hand them to whoever asks.
 */
const SEGMENT_CACHE = {
  shared: 'public, max-age=31536000, immutable',
  own: 'private, max-age=31536000, immutable',
} as const;
export const SEGMENT_ROUTE = '/stream/:trackId/:rendition/:segment';

/** A segment's headers, from the route and the fast path alike; a 206 adds Content-Range. */
export function segmentHeaders(
  segment: Pick<SegmentFile, 'etag' | 'shared'>,
  length: number,
): Record<string, string | number> {
  return {
    etag: segment.etag,
    'cache-control': segmentCache(segment),
    'content-type': 'video/mp2t',
    'accept-ranges': 'bytes',
    'content-length': length,
  };
}

/**
 * The stream side: playlists and segments, outside /api/v1 and out of the
 * OpenAPI document. The `token` query parameter is the credential, checked
 * without the database; `access: 'public'` says there is no other.
 *
 * Segments support conditional (If-None-Match → 304) and single-range
 * requests (206, 416). A request for several ranges gets the whole segment
 * with 200, which RFC 9110 allows and which players never notice (they
 * only ever ask for one range). HEAD answers the headers without opening
 * the file.
 */
export function registerStreamDeliveryRoutes(
  root: FastifyInstance,
  { streaming, bus }: { streaming: StreamingService; bus: Pick<EventBus<LiveEvents>, 'subscribe'> },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const config = { access: 'public' as const };
  // Not awaited: delivery must start (and /readyz answer) even while the database is down.
  const subscribed = bus
    .subscribe('stream.evict', ({ trackId }) => streaming.forget(trackId))
    .catch((err: unknown) => {
      root.log.warn({ err }, 'stream cache will not hear of deleted tracks');
      return undefined;
    });
  root.addHook('onClose', async () => (await subscribed)?.());

  app.get(
    '/stream/:trackId/master.m3u8',
    { config, schema: { hide: true, params: MasterParams, querystring: TokenQuery } },
    async (req, reply) => {
      const text = await streaming.playlist(req.params.trackId, undefined, req.query.token);
      return reply.headers(PLAYLIST_HEADERS).send(text);
    },
  );

  app.get(
    '/stream/:trackId/:rendition/index.m3u8',
    { config, schema: { hide: true, params: VariantParams, querystring: TokenQuery } },
    async (req, reply) => {
      const text = await streaming.playlist(req.params.trackId, req.params.rendition, req.query.token);
      return reply.headers(PLAYLIST_HEADERS).send(text);
    },
  );

  // HEAD declared here rather than left to Fastify: its automatic HEAD route would run the GET
  // handler, then read the whole file just to throw the bytes away and replace our Content-Length.
  app.route({
    method: ['GET', 'HEAD'],
    url: SEGMENT_ROUTE,
    // A listener fetches one every few seconds: the metrics count them, a log line each would drown the
    // log (and write the token into it). Failures are still logged.
    config: { ...config, quietLog: true },
    schema: { hide: true, params: SegmentParams, querystring: TokenQuery },
    handler: async (req, reply) => {
      const { trackId, rendition, segment } = req.params;
      const file = await streaming.segment(trackId, rendition, segment, req.query.token);
      return sendSegment(req, reply, file);
    },
  });
}

async function sendSegment(req: FastifyRequest, reply: FastifyReply, file: SegmentFile): Promise<FastifyReply> {
  const validators = { etag: file.etag, 'cache-control': segmentCache(file) };
  if (etagMatches(req.headers['if-none-match'], file.etag)) return reply.code(304).headers(validators).send();

  const decision = ifRangeHolds(header(req, 'if-range'), file.etag)
    ? decideRange(header(req, 'range'), file.size)
    : ({ kind: 'full' } as const);
  if (decision.kind === 'unsatisfiable') throw new RangeNotSatisfiable(file.size);
  const range = decision.kind === 'partial' ? decision.range : undefined;

  // Opened before any header is set, so a file gone since the lookup is a clean 404. HEAD wants
  // the headers only, and an empty file has nothing to read.
  const body = req.method === 'HEAD' || file.size === 0 ? undefined : await file.open(range);

  reply.headers(segmentHeaders(file, range ? range.end - range.start + 1 : file.size));
  if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
  return reply.send(body);
}

function segmentCache(segment: Pick<SegmentFile, 'shared'>): string {
  return segment.shared ? SEGMENT_CACHE.shared : SEGMENT_CACHE.own;
}

/** A header sent once; repeated Range or If-Range headers are not something we try to make sense of. */
function header(req: FastifyRequest, name: 'range' | 'if-range'): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
