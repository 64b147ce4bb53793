import type { IncomingMessage } from 'node:http';
import { Server as TusServer, type Upload } from '@tus/server';
import type { FileStore } from '@tus/file-store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import type { Principal } from '@/platform/http/access';
import { AppError, NotFound } from '@/platform/http/errors';
import { sendProblem } from '@/platform/http/problem';
import { RESUMABLE_PREFIX, type TracksService } from './tracks.service';

const PATH = '/api/v1/uploads';
const ARTISTS = { roles: ['artist', 'admin'] } as const;

/** What a tus hook throws to answer with a status: @tus/server sends its `status_code` and `body`. */
class TusRefusal extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body);
  }
}

/**
 * Resumable uploads (tus 1.0) for the web app: a dropped connection or a
 * reload resumes where the bytes stopped. Creating an upload creates the
 * track row (so the orphan sweep knows it); the last byte sniffs the file
 * and queues processing exactly as a direct upload does. Only the artist
 * who created an upload may continue, inspect or cancel it. Refusals use
 * the API's problem+json shape; @tus/server's plain-text errors are
 * rewritten on the way out.
 */
export function registerTusUploads(
  app: FastifyInstance,
  deps: { tracks: TracksService; store: FileStore; maxUploadBytes: number },
): void {
  const callers = new WeakMap<IncomingMessage, Principal>();
  const callerOf = (req: { runtime?: { node?: { req: unknown } } | undefined }): Principal => {
    const node = req.runtime?.node?.req as IncomingMessage | undefined;
    const principal = node && callers.get(node);
    if (!principal) throw refusal(401, 'UNAUTHORIZED', 'Authentication required');
    return principal;
  };

  const tus = new TusServer({
    path: PATH,
    datastore: deps.store,
    maxSize: deps.maxUploadBytes,
    // Locations are relative, so no forwarded header is ever read: the client's address is Fastify's req.ip.
    relativeLocation: true,
    respectForwardedHeaders: false,
    async onUploadCreate(req, upload) {
      const owner = callerOf(req);
      try {
        const track = await deps.tracks.startResumable(
          owner.userId,
          `${RESUMABLE_PREFIX}/${upload.id}`,
          upload.metadata ?? {},
          upload.sizeIsDeferred ? undefined : upload.size,
        );
        return { metadata: { ...upload.metadata, trackId: track.id, ownerId: owner.userId } };
      } catch (err) {
        throw err instanceof AppError ? appRefusal(err) : err;
      }
    },
    async onIncomingRequest(req, uploadId) {
      if (req.method === 'POST' || req.method === 'OPTIONS') return;
      const caller = callerOf(req);
      const upload = await deps.store.getUpload(uploadId).catch(() => undefined);
      if (!upload || upload.metadata?.ownerId !== caller.userId)
        throw appRefusal(new NotFound('UPLOAD_NOT_FOUND', 'Upload not found'));
      if (req.method === 'DELETE' && upload.metadata.trackId)
        await deps.tracks.abandonResumable(upload.metadata.trackId, upload.size ?? 0);
    },
    async onUploadFinish(_req, upload: Upload) {
      const trackId = upload.metadata?.trackId;
      if (!trackId) throw refusal(500, 'UPLOAD_WITHOUT_TRACK', 'Upload has no track');
      try {
        const track = await deps.tracks.finishResumable(trackId, upload.offset);
        return { status_code: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(track) };
      } catch (err) {
        throw err instanceof AppError ? appRefusal(err) : err;
      }
    },
  });

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.principal) callers.set(req.raw, req.principal);
    const response = await tus.handleWeb(new NodeRequest({ req: req.raw, res: reply.raw }));
    if (response.status >= 400) {
      const text = (await response.text()).trim();
      const ours = ourRefusal(text);
      if (ours?.headers) reply.headers(ours.headers);
      return sendProblem(
        reply,
        ours?.problem ?? {
          status: response.status,
          code: 'UPLOAD_REFUSED',
          title: 'Upload refused',
          detail: text,
        },
      );
    }
    reply.hijack();
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    await sendNodeResponse(reply.raw, response);
  };

  // tus PATCH bodies are raw bytes the store streams to disk itself.
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  const hidden = { hide: true };
  app.post(PATH, { config: { access: ARTISTS }, schema: hidden }, handle);
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE'],
    url: `${PATH}/:uploadId`,
    config: { access: ARTISTS },
    schema: hidden,
    handler: handle,
  });
}

/**
 * A body one of our hooks wrote (see refusal / appRefusal), as opposed to
 * @tus/server's own text; it carries the error's headers (Retry-After), which
 * @tus/server would not pass on.
 */
function ourRefusal(
  text: string,
): { problem: Parameters<typeof sendProblem>[1]; headers: Record<string, string> | undefined } | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<Parameters<typeof sendProblem>[1]> & {
      headers?: Record<string, string>;
    };
    if (typeof parsed.status === 'number' && typeof parsed.code === 'string' && typeof parsed.title === 'string') {
      return {
        problem: {
          status: parsed.status,
          code: parsed.code,
          title: parsed.title,
          detail: parsed.detail,
          errors: parsed.errors,
        },
        headers: parsed.headers,
      };
    }
  } catch {
    // plain text from @tus/server
  }
  return undefined;
}

function refusal(status: number, code: string, title: string, detail?: string): TusRefusal {
  return new TusRefusal(status, JSON.stringify({ status, code, title, ...(detail ? { detail } : {}) }));
}

function appRefusal(err: AppError): TusRefusal {
  const body = {
    status: err.status,
    code: err.code,
    title: err.title,
    detail: err.detail,
    errors: err.errors,
    headers: err.headers,
  };
  return new TusRefusal(err.status, JSON.stringify(body));
}
