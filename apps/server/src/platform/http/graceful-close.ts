import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem';

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
 * Once closing, every request is refused in the API's one error shape (Fastify's own 503 is plain JSON), and
 * `Connection: close` tells keep-alive clients to let go of this server.
 */
export function refuseWhileClosing(app: FastifyInstance, closing: () => boolean): void {
  app.addHook('onRequest', (_req, reply, done) => {
    if (!closing()) return done();
    void sendProblem(reply.header('connection', 'close').header('retry-after', '5'), {
      status: 503,
      code: 'SERVER_CLOSING',
      title: 'Service unavailable',
      detail: 'The server is restarting. Try again in a moment.',
    });
  });
}
