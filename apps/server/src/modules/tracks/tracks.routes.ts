import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EventBus, LiveEvents } from '@/platform/events/bus';
import { principalOf } from '@/platform/http/access';
import { eventStreams } from '@/platform/http/event-stream';
import { VersionQuery, imageResponses, sendVersionedImage } from '@/platform/http/versioned-image';
import { UnsupportedMediaType } from '@/platform/http/errors';
import { problems } from '@/platform/http/problem';
import { ORIGINAL_LINK_TTL_MS } from './original-link';
import {
  DownloadLink,
  DownloadQuery,
  ListQuery,
  TrackDetail,
  TrackList,
  TrackParams,
  UpdateTrack,
  UploadForm,
} from './tracks.schemas';
import { COVER_MAX_BYTES, COVER_SIZES, type TracksService, type UploadPart } from './tracks.service';

const ARTISTS = { roles: ['artist', 'admin'] } as const;

export async function registerTracksRoutes(
  root: FastifyInstance,
  {
    tracks,
    bus,
    maxUploadBytes,
  }: { tracks: TracksService; bus: Pick<EventBus<LiveEvents>, 'subscribe'>; maxUploadBytes: number },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tracks'];
  const openStream = eventStreams(root);

  await root.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fields: 10, fieldSize: 10_000, files: 2, fileSize: Math.max(maxUploadBytes, COVER_MAX_BYTES) + 1 },
    });
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/tracks',
      {
        config: { access: ARTISTS },
        schema: {
          operationId: 'createTrack',
          tags,
          summary: 'Upload a track',
          description:
            'Multipart form: the audio in "file" (streamed to storage, never held in memory), metadata fields, an optional "cover" image. ' +
            'Answers 201 with the track in status "processing"; 422 when the file is not audio (the track is kept as failed, with the reason); ' +
            "429 when the day's uploads (UPLOAD_DAILY_COUNT) or bytes (UPLOAD_DAILY_BYTES, weighed against the Content-Length) are used up. " +
            'For large files from a browser, prefer the resumable tus endpoint /api/v1/uploads.',
          consumes: ['multipart/form-data'],
          body: UploadForm,
          response: {
            201: TrackDetail,
            ...problems({
              415: ['INVALID_COVER'],
              422: ['NOT_AUDIO'],
              429: ['UPLOAD_QUOTA_EXCEEDED', 'UPLOAD_BYTES_QUOTA_EXCEEDED'],
            }),
          },
        },
      },
      async (req, reply) => {
        const track = await tracks.upload(principalOf(req).userId, multipartParts(req), {
          declaredBytes: declaredLength(req),
        });
        return reply.code(201).send(track);
      },
    );
    scope.withTypeProvider<TypeBoxTypeProvider>().put(
      '/api/v1/tracks/:id/cover',
      {
        config: { access: 'user' },
        schema: {
          operationId: 'setTrackCover',
          tags,
          summary: 'Replace the cover (multipart field "file": PNG, JPEG or WebP, at most 10 MiB)',
          consumes: ['multipart/form-data'],
          params: TrackParams,
          body: Type.Object({ file: Type.String({ format: 'binary' }) }, { 'x-multipart': true }),
          response: {
            200: TrackDetail,
            ...problems({ 403: ['NOT_YOUR_TRACK'], 404: ['TRACK_NOT_FOUND'], 415: ['INVALID_COVER'] }),
          },
        },
      },
      async (req) => {
        if (!req.isMultipart())
          throw new UnsupportedMediaType('Send the image as multipart/form-data in a field named "file".');
        const file = await req.file({ limits: { fileSize: COVER_MAX_BYTES + 1, files: 1 } });
        if (!file) throw new UnsupportedMediaType('The multipart body has no "file" field.');
        return tracks.replaceCover(req.params.id, principalOf(req), file.file);
      },
    );
  });

  app.get(
    '/api/v1/tracks/:id/cover/:size',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getTrackCover',
        tags,
        summary: 'A cover thumbnail: 64, 300 or 1200 px square JPEG',
        params: Type.Object(
          { id: Type.String({ format: 'uuid' }), size: Type.Union(COVER_SIZES.map((s) => Type.Literal(s))) },
          { additionalProperties: false },
        ),
        querystring: VersionQuery,
        response: imageResponses({ 404: ['TRACK_NOT_FOUND', 'COVER_NOT_FOUND'] }),
      },
    },
    async (req, reply) => {
      const cover = await tracks.cover(req.params.id, req.params.size, req.principal);
      // Private tracks' covers must not sit in shared caches.
      return sendVersionedImage(req, reply, { ...cover, contentType: 'image/jpeg' }, 'private');
    },
  );

  app.get(
    '/api/v1/tracks',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listTracks',
        tags,
        summary: 'Latest public tracks, newest first',
        querystring: ListQuery,
        response: { 200: TrackList },
      },
    },
    (req) => tracks.listPublic(req.query),
  );

  app.get(
    '/api/v1/me/tracks',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyTracks',
        tags,
        summary: 'Your tracks, newest first, with their processing status',
        querystring: ListQuery,
        response: { 200: TrackList },
      },
    },
    (req) => tracks.listMine(principalOf(req), req.query),
  );

  app.get(
    '/api/v1/me/tracks/events',
    {
      config: { access: 'user', quietLog: true },
      schema: {
        operationId: 'streamMyTrackEvents',
        tags,
        summary: 'Live processing progress of your tracks (Server-Sent Events)',
        description:
          'A text/event-stream of `progress` events, data `{ trackId, status, progress, statusMessage }`. ' +
          'Events are not replayed: after reconnecting, re-read /me/tracks.',
        produces: ['text/event-stream'],
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Type.String({ description: 'An event stream' }) },
      },
    },
    async (req, reply) => {
      const ownerId = principalOf(req).userId;
      const stream = openStream(req, reply);
      const unsubscribe = await bus.subscribe('track.progress', ({ ownerId: owner, ...progress }) => {
        if (owner === ownerId) stream.send('progress', progress);
      });
      stream.onClose(() => void unsubscribe());
    },
  );

  app.get(
    '/api/v1/tracks/:id',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getTrack',
        tags,
        summary: 'A track, with its waveform',
        description: 'Private tracks, and tracks not yet ready, exist only for their artist.',
        params: TrackParams,
        response: { 200: TrackDetail, ...problems({ 404: ['TRACK_NOT_FOUND'] }) },
      },
    },
    (req) => tracks.get(req.params.id, req.principal),
  );

  app.patch(
    '/api/v1/tracks/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updateTrack',
        tags,
        summary: 'Edit a track: title, description, genre, tags, visibility',
        params: TrackParams,
        body: UpdateTrack,
        response: { 200: TrackDetail, ...problems({ 403: ['NOT_YOUR_TRACK'], 404: ['TRACK_NOT_FOUND'] }) },
      },
    },
    (req) => tracks.update(req.params.id, principalOf(req), req.body),
  );

  app.delete(
    '/api/v1/tracks/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'deleteTrack',
        tags,
        summary: 'Delete a track with all its files',
        params: TrackParams,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problems({ 403: ['NOT_YOUR_TRACK'], 404: ['TRACK_NOT_FOUND'] }),
        },
      },
    },
    async (req, reply) => {
      await tracks.delete(req.params.id, principalOf(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/tracks/:id/retry',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'retryTrack',
        tags,
        summary: 'Process a failed track again',
        description: 'At most TRACK_RETRY_DAILY retries a day per user; past it, 429 with Retry-After.',
        params: TrackParams,
        response: {
          200: TrackDetail,
          ...problems({
            403: ['NOT_YOUR_TRACK'],
            404: ['TRACK_NOT_FOUND'],
            409: ['TRACK_NOT_RETRYABLE'],
            429: ['RETRY_QUOTA_EXCEEDED'],
          }),
        },
      },
    },
    (req) => tracks.retry(req.params.id, principalOf(req)),
  );

  app.post(
    '/api/v1/tracks/:id/original/link',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'createOriginalLink',
        tags,
        summary: 'A short-lived link that downloads the original upload (its artist only)',
        description:
          'For browsers, which cannot send the bearer token with a plain link: the URL downloads the file ' +
          `for ${ORIGINAL_LINK_TTL_MS / 60_000} minutes without it.`,
        params: TrackParams,
        response: { 200: DownloadLink, ...problems({ 403: ['NOT_YOUR_TRACK'], 404: ['TRACK_NOT_FOUND'] }) },
      },
    },
    (req) => tracks.originalLink(req.params.id, principalOf(req)),
  );

  app.get(
    '/api/v1/tracks/:id/original',
    {
      // Public so that a download link (?token=) works without the bearer token;
      // without a link the service insists on the signed-in owner.
      config: { access: 'public' },
      schema: {
        operationId: 'downloadOriginal',
        tags,
        summary: 'Download the original upload (its artist only, or with a download link)',
        params: TrackParams,
        querystring: DownloadQuery,
        response: {
          200: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }),
          ...problems({
            401: ['UNAUTHORIZED'],
            403: ['DOWNLOAD_LINK_INVALID', 'DOWNLOAD_LINK_EXPIRED', 'NOT_YOUR_TRACK'],
            404: ['TRACK_NOT_FOUND'],
          }),
        },
      },
    },
    async (req, reply) => {
      const original = await tracks.original(req.params.id, { principal: req.principal, token: req.query.token });
      return reply
        .type('application/octet-stream')
        .header('content-length', original.size)
        .header('content-disposition', contentDisposition(original.filename))
        .header('cache-control', 'private, no-store')
        .send(original.body);
    },
  );
}

/** Multipart parts as the service's UploadPart: files stay streams, read once, in order. */
async function* multipartParts(req: FastifyRequest): AsyncGenerator<UploadPart> {
  if (!req.isMultipart()) throw new UnsupportedMediaType('Send the track as multipart/form-data.');
  for await (const part of req.parts()) {
    if (part.type === 'file') yield { kind: 'file', name: part.fieldname, filename: part.filename, stream: part.file };
    else
      yield {
        kind: 'field',
        name: part.fieldname,
        value: typeof part.value === 'string' ? part.value : String(part.value),
      };
  }
}

/** The body size the client announced; absent for a chunked body. */
function declaredLength(req: FastifyRequest): number | undefined {
  const length = Number(req.headers['content-length']);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so any title downloads under its own name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
