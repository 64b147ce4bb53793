import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * Stops accepting, lets in-flight requests finish, then returns. A request
 * that started before the close keeps its keep-alive socket open after it
 * answers (only later requests get `Connection: close`), and server.close()
 * would wait for the client's keep-alive timeout; so idle sockets are closed
 * as they appear.
 */
export async function closeGracefully(app: FastifyInstance): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}

/**
 * Once closing, every request is refused in the API's one error shape
 * (Fastify's own 503 is plain JSON), and `Connection: close` tells
 * keep-alive clients to let go of this server.
 */
export class ServerClosing extends AppError {
  readonly status = 503;
  readonly code = 'SERVER_CLOSING';
  constructor() {
    super('Service unavailable', 'The server is restarting. Try again in a moment.');
    this.headers.connection = 'close';
  }
}
