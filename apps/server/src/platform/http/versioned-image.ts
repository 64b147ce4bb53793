import { Type, type Static } from '@sinclair/typebox';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems, type ProblemCodes } from './problem';

/**
 * Images addressed by a URL with a version (`?v=`): avatars, covers. With the
 * version the bytes never change, so browsers keep them for a year; without
 * it (an old link), for five minutes. `scope` says whether shared caches may
 * keep them too (not for what a private track shows).
 */
export const VersionQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) });

export const imageResponses = (errors: ProblemCodes) => ({
  200: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }),
  304: Type.Null({ description: 'Not modified' }),
  ...problems(errors),
});

export interface VersionedImage {
  body: Readable;
  etag: string;
  contentType: string;
}

export function sendVersionedImage(
  req: FastifyRequest,
  reply: FastifyReply,
  image: VersionedImage,
  scope: 'public' | 'private',
): FastifyReply {
  const { v: version } = req.query as Static<typeof VersionQuery>;
  if (req.headers['if-none-match'] === image.etag) {
    image.body.destroy();
    return reply.code(304).send(null);
  }
  const maxAge = version ? 'max-age=31536000, immutable' : 'max-age=300';
  return reply
    .type(image.contentType)
    .header('etag', image.etag)
    .header('cache-control', `${scope}, ${maxAge}`)
    .send(image.body);
}
