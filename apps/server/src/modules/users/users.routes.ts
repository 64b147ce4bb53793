import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { UnsupportedMediaType } from '@/platform/http/errors';
import { problems } from '@/platform/http/problem';
import { VersionQuery, imageResponses, sendVersionedImage } from '@/platform/http/versioned-image';
import { Me, PublicProfile, UpdateProfile, UsernameParams } from './users.schemas';
import { AVATAR_MAX_BYTES, type UsersService } from './users.service';

export async function registerUsersRoutes(root: FastifyInstance, { users }: { users: UsersService }): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  // Multipart parsing (and its per-request cleanup hook) only where a file is uploaded.
  await root.register(async (scope) => {
    await scope.register(multipart, { limits: { fields: 10, fileSize: AVATAR_MAX_BYTES, files: 1 } });
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    upload.put(
      '/api/v1/me/avatar',
      {
        config: { access: 'user' },
        schema: {
          operationId: 'setMyAvatar',
          tags,
          summary: 'Upload your avatar (multipart field "file": PNG, JPEG or WebP, at most 5 MiB; stored re-encoded)',
          consumes: ['multipart/form-data'],
          body: Type.Object({ file: Type.String({ format: 'binary' }) }, { 'x-multipart': true }),
          response: { 200: Me, ...problems({ 404: ['USER_NOT_FOUND'], 415: ['INVALID_AVATAR'] }) },
        },
      },
      async (req) => {
        if (!req.isMultipart())
          throw new UnsupportedMediaType('Send the image as multipart/form-data in a field named "file".');
        const file = await req.file({ limits: { fileSize: AVATAR_MAX_BYTES, files: 1 } });
        if (!file) throw new UnsupportedMediaType('The multipart body has no "file" field.');
        return users.setAvatar(principalOf(req).userId, await file.toBuffer());
      },
    );
  });

  app.get(
    '/api/v1/me',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'Your account',
        response: { 200: Me, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => users.me(principalOf(req).userId),
  );

  app.post(
    '/api/v1/me/become-artist',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'becomeArtist',
        tags,
        summary: 'Become an artist and upload music',
        description: 'Refresh the session afterwards: the access token carries the role it was issued with.',
        response: { 200: Me, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => users.becomeArtist(principalOf(req).userId),
  );

  app.patch(
    '/api/v1/me',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updateMe',
        tags,
        summary: 'Edit your profile',
        body: UpdateProfile,
        response: { 200: Me, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => users.updateProfile(principalOf(req).userId, req.body),
  );

  app.delete(
    '/api/v1/me/avatar',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'removeMyAvatar',
        tags,
        summary: 'Remove your avatar',
        response: { 200: Me, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => users.removeAvatar(principalOf(req).userId),
  );

  app.get(
    '/api/v1/users/:username',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getUserProfile',
        tags,
        summary: 'A public profile',
        params: UsernameParams,
        response: { 200: PublicProfile, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => users.publicProfile(req.params.username),
  );

  app.get(
    '/api/v1/users/:username/avatar',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getUserAvatar',
        tags,
        summary: 'A profile picture',
        params: UsernameParams,
        querystring: VersionQuery,
        response: imageResponses({ 404: ['USER_NOT_FOUND'] }),
      },
    },
    async (req, reply) => sendVersionedImage(req, reply, await users.avatar(req.params.username), 'public'),
  );
}
