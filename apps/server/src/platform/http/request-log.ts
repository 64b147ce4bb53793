import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No per-request log line when it succeeds (health probes, metrics scrapes). */
    quietLog?: boolean;
  }
}

/**
 * One line per request, written when it completes (Fastify's default writes
 * two: on arrival and on completion). It carries what the arrival line had
 * (method, route, address) plus the outcome; the request id rides on the
 * child logger like every other line of the request.
 */
export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(req)) return;
    // Probes and scrapes (config.quietLog) would drown the log; their failures still show.
    if (!error && req.routeOptions.config.quietLog && reply.statusCode < 500) return;
    const line = {
      method: req.method,
      url: withoutSecrets(req.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ip: req.ip,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

/** Stream tokens ride in query strings (players cannot send headers); logs must not keep them. */
function withoutSecrets(url: string): string {
  return url.includes('token=') ? url.replace(/([?&]token=)[^&#]*/g, '$1[redacted]') : url;
}
