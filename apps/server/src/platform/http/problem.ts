import { Type, type Static } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors';

/** RFC 9457 problem details: the one shape of every failure. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof Problem>;

const PROBLEM_TYPE_BASE = 'https://veza.fr/problems/';

interface ProblemInput {
  status: number;
  code: string;
  title: string;
  detail?: string | undefined;
  errors?: FieldError[] | undefined;
}

export function problem(input: ProblemInput, requestId: string): Problem {
  return {
    type: PROBLEM_TYPE_BASE + input.code.toLowerCase().replace(/_/g, '-'),
    title: input.title,
    status: input.status,
    code: input.code,
    ...(input.detail ? { detail: input.detail } : {}),
    requestId,
    ...(input.errors?.length ? { errors: input.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, given: ProblemInput): FastifyReply {
  const breach = undeclaredProblem(reply.request, given);
  if (breach) reply.log.error({ code: given.code, status: given.status }, breach);
  const input: ProblemInput =
    breach && reply.server.enforceDeclaredProblems
      ? { status: 500, code: 'UNDECLARED_PROBLEM', title: 'Undeclared problem', detail: breach }
      : given;
  return reply
    .code(input.status)
    .type('application/problem+json')
    .send(problem(input, String(reply.request.id)));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Tests turn an answer the route's schema does not declare into a 500, so that the test fails. */
    enforceDeclaredProblems: boolean;
  }
}

/**
 * Why this answer breaks the route's documented contract, if it does: a
 * documented route may only answer the problem codes its schema lists for
 * that status, as clients are generated from them. Unexpected failures (500)
 * are never declared; routes out of the document are not checked.
 */
function undeclaredProblem(req: FastifyRequest, input: ProblemInput): string | undefined {
  const { schema, url, method } = req.routeOptions;
  if (input.status === 500 || !schema?.response || schema.hide) return undefined;
  const codes = declaredCodes((schema.response as Record<number, unknown>)[input.status]);
  if (codes?.includes(input.code)) return undefined;
  return `${String(method)} ${url ?? ''} answered ${input.status} ${input.code}, which its schema does not declare`;
}

/** Fastify's own 4xx errors (parsing, limits, content types) mapped to stable codes. */
const FRAMEWORK_ERRORS: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  FST_REQ_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_BODY', title: 'Malformed request body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_BODY', title: 'Malformed request body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'MALFORMED_BODY', title: 'Malformed request body' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', title: 'URI too long' },
  FST_ERR_BAD_URL: { code: 'BAD_URL', title: 'Malformed URL' },
};

export function toProblemInput(err: FastifyError | Error): ProblemInput | undefined {
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, title: err.title, detail: err.detail, errors: err.errors };
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'Invalid request',
      detail: 'Some fields are invalid.',
      errors: fe.validation.map((v) => ({
        path: fieldPath(fe.validationContext, v.instancePath, v.params),
        message: v.message ?? 'is invalid',
      })),
    };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      title: 'Service unavailable',
      detail: 'The database cannot be reached right now. Try again in a moment.',
    };
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = fe.code ? FRAMEWORK_ERRORS[fe.code] : undefined;
    if (known) return { status, ...known, detail: err.message };
    // SyntaxError from JSON.parse and other client errors Fastify tagged 4xx.
    return {
      status,
      code: status === 400 ? 'BAD_REQUEST' : `HTTP_${status}`,
      title: status === 400 ? 'Bad request' : 'Request rejected',
      detail: err.message,
    };
  }
  return undefined;
}

/** Connection refused or dropped, or Postgres shutting down / starting up: the client may retry. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnavailable(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

function fieldPath(part: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const extra =
    typeof params.missingProperty === 'string'
      ? `/${params.missingProperty}`
      : typeof params.additionalProperty === 'string'
        ? `/${params.additionalProperty}`
        : '';
  return `${part ?? 'body'}${instancePath}${extra}`;
}

/** Errors Fastify raises before routing (bad URLs, over-long parameters) get the same shape. */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(
    reply,
    toProblemInput(err) ?? { status: 400, code: 'BAD_REQUEST', title: 'Bad request', detail: err.message },
  );
}

export function registerErrorHandling(
  app: FastifyInstance,
  opts: {
    fallback?: (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | undefined;
    enforceDeclared?: boolean;
  } = {},
): void {
  app.decorate('enforceDeclaredProblems', opts.enforceDeclared ?? false);
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const input = toProblemInput(err);
    if (!input) {
      req.log.error({ err }, 'unhandled error');
      return sendProblem(reply, {
        status: 500,
        code: 'INTERNAL_ERROR',
        title: 'Internal error',
        detail: 'Something went wrong on our side. Quote the request id when reporting it.',
      });
    }
    if (input.status === 503) reply.header('retry-after', '5');
    // Unavailable (closing, database down) is a state of the server, said once by its own log lines; not an error per request.
    if (input.status === 503) req.log.warn({ code: input.code }, 'request refused: unavailable');
    else if (input.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: input.code, status: input.status }, 'request rejected');
    if (err instanceof AppError) reply.headers(err.headers);
    return sendProblem(reply, input);
  });

  app.setNotFoundHandler(
    (req, reply) =>
      opts.fallback?.(req, reply) ??
      sendProblem(reply, {
        status: 404,
        code: 'ROUTE_NOT_FOUND',
        title: 'Not found',
        detail: `No route for ${req.method} ${req.url.split('?')[0]}`,
      }),
  );
}

/** The problem codes a route may answer, by status: `{ 404: ['TRACK_NOT_FOUND'], 409: ['TRACK_NOT_READY'] }`. */
export type ProblemCodes = Partial<Record<number, readonly string[]>>;

/**
 * Error responses for a route schema: `response: { 200: Me, ...problems({ 404: ['USER_NOT_FOUND'] }) }`.
 * Each status lists the codes it may carry, so the document (and the web app's
 * types generated from it) say which failures a client must handle. The
 * platform's own refusals (validation, access, body limits) are added to every
 * route by the hooks that enforce them; a route lists only its own.
 */
export function problems(codes: ProblemCodes): Record<number, ProblemResponse> {
  return Object.fromEntries(
    Object.entries(codes).map(([status, list = []]) => [Number(status), problemResponse(list)]),
  );
}

/**
 * Declared under its real media type, so the OpenAPI document and generated
 * clients say problem+json; the shape by reference (registered once by
 * `registerOpenApi`), narrowed to the codes of this status.
 */
function problemResponse(codes: readonly string[]) {
  const sorted = [...new Set(codes)].sort();
  return {
    description: `Problem details (RFC 9457): ${sorted.join(', ')}`,
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            Type.Ref(Problem),
            { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: sorted } } },
          ],
        },
      },
    },
  } as const;
}
type ProblemResponse = ReturnType<typeof problemResponse>;

/** The codes a response entry of a route schema declares, if it is a problem response. */
export function declaredCodes(entry: unknown): readonly string[] | undefined {
  const schema = (entry as Partial<ProblemResponse> | undefined)?.content?.['application/problem+json']?.schema;
  return schema?.allOf[1].properties.code.enum;
}

/** A route schema's responses with more problem codes merged in, status by status. */
export function withProblems(response: object | undefined, codes: ProblemCodes): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...response };
  for (const [status, list = []] of Object.entries(codes)) {
    if (!list.length) continue;
    const existing = merged[status];
    if (existing !== undefined && !declaredCodes(existing)) {
      throw new Error(`Status ${status} is declared with a body that is not a problem`);
    }
    merged[status] = problemResponse([...(declaredCodes(existing) ?? []), ...list]);
  }
  return merged;
}
