import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { UnsupportedMediaType } from '@/platform/http/errors';
import { problems } from '@/platform/http/problem';
import { VersionQuery, imageResponses, sendVersionedImage } from '@/platform/http/versioned-image';
import { COVER_MAX_BYTES, COVER_SIZES } from '@/modules/tracks/tracks.service';
import { IfMatch, precondition, STALE, withEtag } from './library.routes';
import { PlaylistDetail, PlaylistParams } from './library.schemas';
import type { LibraryService } from './library.service';

const tags = ['playlists'];
const OWNER_ONLY = { 403: ['NOT_PLAYLIST_OWNER'], 404: ['PLAYLIST_NOT_FOUND'], ...STALE };

/** A playlist's picture: the owner's own, else the mosaic of its first covers. */
export async function registerPlaylistCoverRoutes(
  root: FastifyInstance,
  { library }: { library: LibraryService },
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  await root.register(async (scope) => {
    await scope.register(multipart, { limits: { fields: 0, files: 1, fileSize: COVER_MAX_BYTES + 1 } });
    scope.withTypeProvider<TypeBoxTypeProvider>().put(
      '/api/v1/playlists/:id/cover',
      {
        config: { access: 'user' },
        schema: {
          operationId: 'setPlaylistCover',
          tags,
          summary:
            'Set your own cover in place of the mosaic (multipart field "file": PNG, JPEG or WebP, at most 10 MiB)',
          consumes: ['multipart/form-data'],
          params: PlaylistParams,
          headers: IfMatch,
          body: Type.Object({ file: Type.String({ format: 'binary' }) }, { 'x-multipart': true }),
          response: { 200: PlaylistDetail, ...problems({ ...OWNER_ONLY, 415: ['INVALID_COVER'] }) },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new UnsupportedMediaType('Send the image as multipart/form-data in a field named "file".');
        const file = await req.file({ limits: { fileSize: COVER_MAX_BYTES + 1, files: 1 } });
        if (!file) throw new UnsupportedMediaType('The multipart body has no "file" field.');
        return withEtag(reply, await library.setCover(req.params.id, principalOf(req), file.file, precondition(req)));
      },
    );
  });

  app.delete(
    '/api/v1/playlists/:id/cover',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'removePlaylistCover',
        tags,
        summary: 'Remove your own cover: the mosaic of the first four track covers shows again (idempotent)',
        params: PlaylistParams,
        headers: IfMatch,
        response: { 200: PlaylistDetail, ...problems(OWNER_ONLY) },
      },
    },
    async (req, reply) =>
      withEtag(reply, await library.removeCover(req.params.id, principalOf(req), precondition(req))),
  );

  app.get(
    '/api/v1/playlists/:id/cover/:size',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getPlaylistCover',
        tags,
        summary: "A playlist's cover: 64, 300 or 1200 px square JPEG",
        description:
          "The owner's cover if set, else a 2×2 mosaic of the first four covers of tracks anyone may see " +
          '(one cover fills it; two or three repeat). 404 COVER_NOT_FOUND while there is neither.',
        params: Type.Object(
          { id: PlaylistParams.properties.id, size: Type.Union(COVER_SIZES.map((s) => Type.Literal(s))) },
          { additionalProperties: false },
        ),
        querystring: VersionQuery,
        response: imageResponses({ 404: ['PLAYLIST_NOT_FOUND', 'COVER_NOT_FOUND'] }),
      },
    },
    async (req, reply) => {
      const cover = await library.cover(req.params.id, req.params.size, req.principal);
      // A private playlist's cover must not sit in shared caches.
      return sendVersionedImage(req, reply, { ...cover, contentType: 'image/jpeg' }, 'private');
    },
  );
}
