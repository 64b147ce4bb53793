import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '@/platform/http/access';
import { problems } from '@/platform/http/problem';
import { ListQuery, Track } from '@/modules/tracks/tracks.schemas';
import { COUNTED_PLAYS_PER_LISTENER_HOUR, type PlaysService } from './plays.service';

const PlayReport = Type.Object(
  {
    sessionId: Type.String({ format: 'uuid', description: 'New for each playback of a track' }),
    positionMs: Type.Integer({ minimum: 0, maximum: 86_400_000 }),
    listenedMs: Type.Integer({ minimum: 0, maximum: 86_400_000, description: 'Time heard in this playback so far' }),
  },
  { additionalProperties: false },
);

export function registerPlaysRoutes(root: FastifyInstance, { plays }: { plays: PlaysService }): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/tracks/:id/plays',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'reportPlay',
        tags: ['plays'],
        summary: "Report a playback's progress",
        description:
          'A playback counts as one play once 30 s, or half the track when shorter, have been heard; ' +
          `at most ${COUNTED_PLAYS_PER_LISTENER_HOUR} plays of a track per listener (account, else address) count per hour. ` +
          'An address (IPv6: its /64) starting more than PLAY_SESSIONS_PER_IP_HOUR playbacks in an hour gets 429 with Retry-After.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        body: PlayReport,
        response: {
          202: Type.Object({ counted: Type.Boolean() }),
          ...problems({ 404: ['TRACK_NOT_FOUND'], 429: ['PLAY_SESSIONS_EXCEEDED', 'RATE_LIMITED'] }),
        },
      },
    },
    async (req, reply) => reply.code(202).send(await plays.report(req.params.id, req.principal, req.body, req)),
  );

  app.get(
    '/api/v1/me/stats/plays',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMyPlayStats',
        tags: ['plays'],
        summary: 'Plays of your tracks per day (UTC)',
        querystring: Type.Object(
          { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            days: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), plays: Type.Integer() })),
          }),
        },
      },
    },
    (req) => plays.artistPlaysPerDay(principalOf(req).userId, req.query.days ?? 30),
  );

  app.get(
    '/api/v1/me/history',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyHistory',
        tags: ['plays'],
        summary: 'What you played, newest first',
        description:
          'Counted plays of tracks you may still see. A page may hold fewer than `limit` entries when some were hidden; ' +
          'follow `nextCursor` until it is null.',
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String({ format: 'uuid' }),
                playedAt: Type.String({ format: 'date-time' }),
                track: Track,
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    (req) => plays.history(principalOf(req), req.query),
  );

  app.delete(
    '/api/v1/me/history',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'clearMyHistory',
        tags: ['plays'],
        summary: 'Clear your listening history',
        description: "The plays still count in the artists' statistics, no longer linked to you.",
        response: { 204: Type.Null({ description: 'Cleared' }) },
      },
    },
    async (req, reply) => {
      await plays.clearHistory(principalOf(req));
      return reply.code(204).send(null);
    },
  );
}
