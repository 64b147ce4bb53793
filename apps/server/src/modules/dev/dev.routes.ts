import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@/platform/db/db';
import { NotFound } from '@/platform/http/errors';
import { listFor } from '@/platform/mail/outbox.repo';

const TAGS = ['development'];
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const MailboxMessage = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

/**
 * Development helpers, never mounted in production: the mailbox lets the
 * default run (no SMTP server) complete e-mail flows; sleep lets a test hold
 * a request open across a shutdown. The mailbox holds password-reset links,
 * so it exists only when DEV_MAILBOX turns it on (the default in development
 * alone); a loopback address is a second condition, never enough by itself,
 * since a proxy on the same machine makes every client look local.
 */
export async function registerDevRoutes(
  root: FastifyInstance,
  { db, mailbox }: { db: Db; mailbox: boolean },
): Promise<void> {
  await root.register(async (scope) => devRoutes(scope, db, { mailbox }));
}

function devRoutes(scope: FastifyInstance, db: Db, { mailbox }: { mailbox: boolean }): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // Out of the published document (/docs, the generated client): nothing outside development may rely on them.
  scope.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });

  app.addHook('onRequest', (req, _reply, done) => {
    if (LOOPBACK.has(req.ip)) done();
    else done(new NotFound('ROUTE_NOT_FOUND', 'Not found', 'Development routes answer only on this machine.'));
  });

  if (mailbox) registerMailbox(scope, db);

  app.get(
    '/api/v1/dev/sleep',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'devSleep',
        tags: TAGS,
        summary: 'Answer after a delay (development only)',
        querystring: Type.Object(
          { ms: Type.Integer({ minimum: 0, maximum: 20_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ sleptMs: Type.Integer() }) },
      },
    },
    async (req) => {
      await new Promise((resolve) => setTimeout(resolve, req.query.ms));
      return { sleptMs: req.query.ms };
    },
  );
}

function registerMailbox(scope: FastifyInstance, db: Db): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/dev/mailbox',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getDevMailbox',
        tags: TAGS,
        summary: 'Mails sent to an address (development only)',
        querystring: Type.Object(
          { to: Type.String({ format: 'email', maxLength: 254 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ messages: Type.Array(MailboxMessage) }) },
      },
    },
    async (req) => {
      const rows = await listFor(db, req.query.to, 50);
      return {
        messages: rows.map((m) => ({
          id: m.id,
          to: m.to_address,
          subject: m.subject,
          text: m.text_body,
          html: m.html_body,
          createdAt: m.created_at.toISOString(),
        })),
      };
    },
  );
}
