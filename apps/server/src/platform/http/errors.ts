/**
 * Typed domain errors. Services throw these; one handler in platform/http
 * renders every one as RFC 9457 problem+json. Services never import Fastify.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly headers: Record<string, string> = {};
  constructor(
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class BadRequest extends AppError {
  readonly status = 400;
  constructor(
    readonly code: string,
    title: string,
    detail?: string,
    errors?: FieldError[],
  ) {
    super(title, detail, errors);
  }
}

export class Validation extends AppError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(errors: FieldError[], detail = 'Some fields are invalid.') {
    super('Invalid request', detail, errors);
  }
}

export class Unauthorized extends AppError {
  readonly status = 401;
  constructor(
    readonly code = 'UNAUTHORIZED',
    title = 'Authentication required',
    detail?: string,
  ) {
    super(title, detail);
  }
}

export class Forbidden extends AppError {
  readonly status = 403;
  constructor(
    readonly code = 'FORBIDDEN',
    title = 'Not allowed',
    detail?: string,
  ) {
    super(title, detail);
  }
}

export class NotFound extends AppError {
  readonly status = 404;
  constructor(
    readonly code = 'NOT_FOUND',
    title = 'Not found',
    detail?: string,
  ) {
    super(title, detail);
  }
}

export class Conflict extends AppError {
  readonly status = 409;
  constructor(
    readonly code: string,
    title: string,
    detail?: string,
    errors?: FieldError[],
  ) {
    super(title, detail, errors);
  }
}

/** A conditional request (If-Match) whose condition no longer holds: the client's copy is stale. */
export class PreconditionFailed extends AppError {
  readonly status = 412;
  constructor(
    readonly code: string,
    detail: string,
    title = 'Precondition failed',
  ) {
    super(title, detail);
  }
}

export class PayloadTooLarge extends AppError {
  readonly status = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(detail: string) {
    super('Payload too large', detail);
  }
}

/** Well-formed, but its content cannot be used (an upload that is not audio). */
export class Unprocessable extends AppError {
  readonly status = 422;
  constructor(
    readonly code: string,
    title: string,
    detail?: string,
  ) {
    super(title, detail);
  }
}

export class UnsupportedMediaType extends AppError {
  readonly status = 415;
  constructor(
    detail: string,
    readonly code: string = 'UNSUPPORTED_MEDIA_TYPE',
    title = 'Unsupported media type',
  ) {
    super(title, detail);
  }
}

export class RateLimited extends AppError {
  readonly status = 429;
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests', `Try again in ${retryAfterSeconds} seconds.`);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

/** A budget of the day or the hour is spent: 429 like a rate limit, with its own code and when it renews. */
export class QuotaExceeded extends AppError {
  readonly status = 429;
  constructor(
    readonly code: string,
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('Quota exceeded', detail);
    this.headers['retry-after'] = String(retryAfterSeconds);
  }
}

export class Unavailable extends AppError {
  readonly status = 503;
  readonly code = 'UNAVAILABLE';
  constructor(detail: string) {
    super('Service unavailable', detail);
  }
}
