import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { problems } from '@/platform/http/problem';
import { ListQuery } from '@/modules/tracks/tracks.schemas';
import { UsernameParams } from '@/modules/users/users.schemas';
import {
  AddTracks,
  Collaborator,
  CreatePlaylist,
  MoveItem,
  PlaylistDetail,
  PlaylistItemParams,
  PlaylistList,
  PlaylistParams,
  UpdatePlaylist,
} from './library.schemas';
import type { LibraryService, Precondition } from './library.service';

const tags = ['playlists'];
export const IfMatch = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 100,
      description: "The playlist's ETag (its version) as you last saw it; 412 if it moved",
    }),
  ),
});
export const STALE = { 412: ['PLAYLIST_VERSION_MISMATCH'] };

/** `If-Match: "7"` (weak or strong, `*` for any): the version the client saw. Anything else matches nothing. */
export function precondition(req: FastifyRequest): Precondition {
  const raw = req.headers['if-match'];
  if (typeof raw !== 'string' || raw.trim() === '*') return {};
  const tag = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  return { expectedVersion: tag ? Number(tag[1]) : Number.NaN };
}

export function withEtag(reply: FastifyReply, playlist: PlaylistDetail): PlaylistDetail {
  void reply.header('etag', `"${playlist.version}"`);
  return playlist;
}

export function registerLibraryRoutes(root: FastifyInstance, { library }: { library: LibraryService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/playlists',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'createPlaylist',
        tags,
        summary: 'Create a playlist',
        body: CreatePlaylist,
        response: { 201: PlaylistDetail },
      },
    },
    async (req, reply) => reply.code(201).send(withEtag(reply, await library.create(principalOf(req), req.body))),
  );

  app.get(
    '/api/v1/playlists/:id',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getPlaylist',
        tags,
        summary: 'A playlist with its items',
        description:
          'Public and unlisted playlists are seen by anyone, private ones by their owner and collaborators only. ' +
          'An item whose track you may not see (private, not ready, deleted) reads `{ id, position, available: false }`. ' +
          'The ETag is the version.',
        params: PlaylistParams,
        response: { 200: PlaylistDetail, ...problems({ 404: ['PLAYLIST_NOT_FOUND'] }) },
      },
    },
    async (req, reply) => withEtag(reply, await library.get(req.params.id, req.principal)),
  );

  app.patch(
    '/api/v1/playlists/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updatePlaylist',
        tags,
        summary: "Rename a playlist or change its visibility (the owner's alone)",
        params: PlaylistParams,
        headers: IfMatch,
        body: UpdatePlaylist,
        response: {
          200: PlaylistDetail,
          ...problems({ 403: ['NOT_PLAYLIST_OWNER'], 404: ['PLAYLIST_NOT_FOUND'], ...STALE }),
        },
      },
    },
    async (req, reply) =>
      withEtag(reply, await library.update(req.params.id, principalOf(req), req.body, precondition(req))),
  );

  app.delete(
    '/api/v1/playlists/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'deletePlaylist',
        tags,
        summary: "Delete a playlist (the owner's alone)",
        params: PlaylistParams,
        headers: IfMatch,
        response: {
          204: Type.Null({ description: 'Done' }),
          ...problems({ 403: ['NOT_PLAYLIST_OWNER'], 404: ['PLAYLIST_NOT_FOUND'], ...STALE }),
        },
      },
    },
    async (req, reply) => {
      await library.delete(req.params.id, principalOf(req), precondition(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/users/:username/playlists',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listUserPlaylists',
        tags,
        summary: "A user's playlists, newest first",
        description: 'Others see the public ones; the owner sees all of theirs.',
        params: UsernameParams,
        querystring: ListQuery,
        response: { 200: PlaylistList, ...problems({ 404: ['USER_NOT_FOUND'] }) },
      },
    },
    (req) => library.listForUser(req.params.username, req.principal, req.query),
  );

  app.get(
    '/api/v1/me/playlists',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyPlaylists',
        tags,
        summary: 'Playlists you own or collaborate on, newest first',
        querystring: ListQuery,
        response: { 200: PlaylistList },
      },
    },
    (req) => library.listMine(principalOf(req), req.query),
  );

  app.post(
    '/api/v1/playlists/:id/tracks',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'addPlaylistTracks',
        tags,
        summary: 'Add tracks to a playlist (owner and collaborators)',
        description:
          'All or none: if a track does not exist for you, 404 TRACK_NOT_FOUND names it in `errors` and nothing is added.',
        params: PlaylistParams,
        headers: IfMatch,
        body: AddTracks,
        response: {
          200: PlaylistDetail,
          ...problems({
            403: ['NOT_PLAYLIST_EDITOR'],
            404: ['PLAYLIST_NOT_FOUND', 'TRACK_NOT_FOUND'],
            409: ['PLAYLIST_FULL'],
            ...STALE,
          }),
        },
      },
    },
    async (req, reply) =>
      withEtag(reply, await library.addTracks(req.params.id, principalOf(req), req.body, precondition(req))),
  );

  app.delete(
    '/api/v1/playlists/:id/tracks/:itemId',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'removePlaylistItem',
        tags,
        summary: 'Remove an item from a playlist (owner and collaborators)',
        params: PlaylistItemParams,
        headers: IfMatch,
        response: {
          200: PlaylistDetail,
          ...problems({
            403: ['NOT_PLAYLIST_EDITOR'],
            404: ['PLAYLIST_NOT_FOUND', 'PLAYLIST_ITEM_NOT_FOUND'],
            ...STALE,
          }),
        },
      },
    },
    async (req, reply) =>
      withEtag(reply, await library.removeItem(req.params.id, req.params.itemId, principalOf(req), precondition(req))),
  );

  app.put(
    '/api/v1/playlists/:id/tracks/:itemId/position',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'movePlaylistItem',
        tags,
        summary: 'Move an item to another position (owner and collaborators)',
        params: PlaylistItemParams,
        headers: IfMatch,
        body: MoveItem,
        response: {
          200: PlaylistDetail,
          ...problems({
            403: ['NOT_PLAYLIST_EDITOR'],
            404: ['PLAYLIST_NOT_FOUND', 'PLAYLIST_ITEM_NOT_FOUND'],
            ...STALE,
          }),
        },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await library.moveItem(
          req.params.id,
          req.params.itemId,
          principalOf(req),
          req.body.position,
          precondition(req),
        ),
      ),
  );

  app.post(
    '/api/v1/playlists/:id/duplicate',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'duplicatePlaylist',
        tags,
        summary: 'Copy a playlist you can see into a private one of yours',
        params: PlaylistParams,
        response: { 201: PlaylistDetail, ...problems({ 404: ['PLAYLIST_NOT_FOUND'] }) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(withEtag(reply, await library.duplicate(req.params.id, principalOf(req)))),
  );

  app.post(
    '/api/v1/playlists/:id/collaborators',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'addPlaylistCollaborator',
        tags,
        summary: 'Invite a collaborator by username (the owner alone)',
        description:
          'Collaborators may add, remove and reorder tracks; inviting someone already invited changes nothing.',
        params: PlaylistParams,
        headers: IfMatch,
        body: Collaborator,
        response: {
          200: PlaylistDetail,
          ...problems({
            403: ['NOT_PLAYLIST_OWNER'],
            404: ['PLAYLIST_NOT_FOUND', 'USER_NOT_FOUND'],
            409: ['COLLABORATOR_IS_OWNER'],
            ...STALE,
          }),
        },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await library.addCollaborator(req.params.id, principalOf(req), req.body.username, precondition(req)),
      ),
  );

  app.delete(
    '/api/v1/playlists/:id/collaborators/:username',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'removePlaylistCollaborator',
        tags,
        summary: 'Remove a collaborator (the owner), or leave a playlist (the collaborator)',
        params: Type.Object(
          { id: PlaylistParams.properties.id, username: UsernameParams.properties.username },
          { additionalProperties: false },
        ),
        headers: IfMatch,
        response: {
          204: Type.Null({ description: 'Done' }),
          ...problems({
            403: ['NOT_PLAYLIST_OWNER', 'NOT_PLAYLIST_EDITOR'],
            404: ['PLAYLIST_NOT_FOUND', 'USER_NOT_FOUND'],
            ...STALE,
          }),
        },
      },
    },
    async (req, reply) => {
      await library.removeCollaborator(req.params.id, principalOf(req), req.params.username, precondition(req));
      return reply.code(204).send(null);
    },
  );
}
