import { AppError, Forbidden, NotFound } from '@/platform/http/errors';

/**
 * Any stream token the server will not honour. One class, two codes: a
 * player that sees STREAM_TOKEN_EXPIRED asks for a fresh link and resumes;
 * STREAM_TOKEN_INVALID (forged, truncated, for another track, garbage) is
 * not worth retrying with the same link.
 */
export class StreamTokenRejected extends Forbidden {
  constructor(readonly reason: 'invalid' | 'expired') {
    super(
      reason === 'expired' ? 'STREAM_TOKEN_EXPIRED' : 'STREAM_TOKEN_INVALID',
      reason === 'expired' ? 'Stream link expired' : 'Invalid stream link',
      reason === 'expired'
        ? 'This stream link has expired: ask for a new one.'
        : 'This stream link is not valid for this track: ask for a new one.',
    );
  }
}

/** A playlist or segment that the token's version does not have. */
export class StreamFileNotFound extends NotFound {
  constructor() {
    super('STREAM_FILE_NOT_FOUND', 'Not found', 'This stream has no such file.');
  }
}

/** RFC 9110 §15.5.17: the range starts past the end; `Content-Range` tells the client the size. */
export class RangeNotSatisfiable extends AppError {
  readonly status = 416;
  readonly code = 'RANGE_NOT_SATISFIABLE';
  constructor(size: number) {
    super('Range not satisfiable', `The file is ${size} bytes long.`);
    this.headers['content-range'] = `bytes */${size}`;
  }
}
