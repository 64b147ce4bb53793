import type { FastifyInstance } from 'fastify';

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
