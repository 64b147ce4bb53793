import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LogFn } from 'pino';

/**
 * The logger a request carries (`req.log`): its request id is bound when the
 * request first logs, not when it arrives. Most requests never log a line of
 * their own (quiet probes, successes the access line covers), and a pino
 * child built eagerly for each of them cost more than Fastify's whole
 * routing (benchmark F).
 */
class RequestLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get bound(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.bound.level = level;
  }

  fatal(...args: Parameters<LogFn>): void {
    this.bound.fatal(...args);
  }

  error(...args: Parameters<LogFn>): void {
    this.bound.error(...args);
  }

  warn(...args: Parameters<LogFn>): void {
    this.bound.warn(...args);
  }

  info(...args: Parameters<LogFn>): void {
    this.bound.info(...args);
  }

  debug(...args: Parameters<LogFn>): void {
    this.bound.debug(...args);
  }

  trace(...args: Parameters<LogFn>): void {
    this.bound.trace(...args);
  }

  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.bound.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: what `req.log` is. */
export function requestLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new RequestLogger(parent, bindings, options);
}
