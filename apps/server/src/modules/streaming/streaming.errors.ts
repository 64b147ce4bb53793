import { AppError, Forbidden, NotFound } from '@/platform/http/errors';

/**
 * A signed link (a token in the URL) the server will not honour. One class,
 * two codes: a client that sees `<PREFIX>_EXPIRED` asks for a fresh link
 * and carries on; `<PREFIX>_INVALID` (forged, truncated, for another track,
 * garbage) is not worth retrying with the same link.
 */
export class SignedLinkRejected extends Forbidden {
  constructor(
    readonly reason: 'invalid' | 'expired',
    link: { code: string; name: string; fresh: string },
  ) {
    const Name = link.name[0]!.toUpperCase() + link.name.slice(1);
    super(
      `${link.code}_${reason === 'expired' ? 'EXPIRED' : 'INVALID'}`,
      reason === 'expired' ? `${Name} expired` : `Invalid ${link.name}`,
      reason === 'expired'
        ? `This ${link.name} has expired: ${link.fresh}.`
        : `This ${link.name} is not valid for this track: ${link.fresh}.`,
    );
  }
}

/** Any stream token the server will not honour: a player asks for a new link. */
export class StreamTokenRejected extends SignedLinkRejected {
  constructor(reason: 'invalid' | 'expired') {
    super(reason, { code: 'STREAM_TOKEN', name: 'stream link', fresh: 'ask for a new one' });
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
