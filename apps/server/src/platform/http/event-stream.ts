import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Runs once when the client goes away or the server shuts down. */
  onClose(fn: () => void): void;
}

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events on a hijacked reply. Streams stay open for as long as
 * a page does, so they are ended when the server starts closing (a graceful
 * shutdown must not wait for browsers), and a comment every 15 s keeps
 * proxies from timing them out. Headers already set by the front door
 * (request id, security headers) go out with the stream's own.
 */
export function eventStreams(app: FastifyInstance): (req: FastifyRequest, reply: FastifyReply) => EventStream {
  const open = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const end of open) end();
    done();
  });

  return (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    const inherited = Object.entries(reply.getHeaders()).filter(
      (entry): entry is [string, string | number | string[]] => entry[1] !== undefined,
    );
    res.writeHead(200, {
      ...Object.fromEntries(inherited),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const closers: (() => void)[] = [];
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    let closed = false;
    const end = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      open.delete(end);
      for (const fn of closers) fn();
      res.end();
    };
    open.add(end);
    req.raw.on('close', end);
    return {
      send(event, data) {
        if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      onClose(fn) {
        closers.push(fn);
      },
    };
  };
}
