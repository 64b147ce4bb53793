import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';

/** Answers a request before Fastify sees it, or returns false to pass it on untouched. */
export type FirstLook = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Fastify fills these in (with its defaults) before it calls a server factory. */
interface ResolvedOptions {
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket?: number | null;
}

/**
 * The server Fastify would create itself (same timeouts, read from the
 * options it resolved), with a first look at every request. The first look
 * is read from `slot` per request: it is built from routes and services that
 * exist only after Fastify does.
 */
export function serverWithFirstLook(slot: { firstLook?: FirstLook }): FastifyServerFactory {
  return (handler, opts) => {
    const server: Server = http.createServer((req, res) => {
      if (!slot.firstLook?.(req, res)) handler(req, res);
    });
    const { keepAliveTimeout, requestTimeout, connectionTimeout, maxRequestsPerSocket } =
      opts as unknown as ResolvedOptions;
    server.keepAliveTimeout = keepAliveTimeout;
    server.requestTimeout = requestTimeout;
    server.setTimeout(connectionTimeout);
    if (maxRequestsPerSocket) server.maxRequestsPerSocket = maxRequestsPerSocket;
    return server;
  };
}

/**
 * Whether the app has begun closing. A first look must then pass requests on,
 * so they are refused with 503 and `Connection: close` and keep-alive
 * clients let go of the server.
 */
export function closingFlag(app: FastifyInstance): () => boolean {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  return () => closing;
}
