import { SignedLinkRejected } from '@/modules/streaming/streaming.errors';
import {
  BadRequest,
  Conflict,
  NotFound,
  PayloadTooLarge,
  Unprocessable,
  UnsupportedMediaType,
} from '@/platform/http/errors';

export class TrackNotFound extends NotFound {
  constructor() {
    super('TRACK_NOT_FOUND', 'Track not found', 'No track with that id, or it is private.');
  }
}

export class TrackNotReady extends Conflict {
  constructor(status: string) {
    super(
      'TRACK_NOT_READY',
      'Track not ready',
      status === 'failed'
        ? 'Processing this track failed; retry it or upload the file again.'
        : 'The track is still processing; it can be played once that is done.',
    );
  }
}

export class TrackNotRetryable extends Conflict {
  constructor(status: string) {
    super(
      'TRACK_NOT_RETRYABLE',
      'Nothing to retry',
      `Only a failed track can be processed again; this one is ${status}.`,
    );
  }
}

export class UploadTooLarge extends PayloadTooLarge {
  constructor(maxBytes: number) {
    super(`Audio uploads are limited to ${Math.round(maxBytes / 1024 / 1024)} MiB.`);
  }
}

export class UploadLengthRequired extends BadRequest {
  constructor() {
    super(
      'UPLOAD_LENGTH_REQUIRED',
      'Upload length required',
      'Declare the size of the file in Upload-Length when creating the upload.',
    );
  }
}

export class CoverTooLarge extends PayloadTooLarge {
  constructor(maxBytes: number) {
    super(`Cover images are limited to ${Math.round(maxBytes / 1024 / 1024)} MiB.`);
  }
}

/** The upload was stored and probed, and is not audio Veza can play; the track is kept as failed with this reason. */
export class NotAudioUpload extends Unprocessable {
  constructor(
    reason: string,
    readonly trackId: string,
  ) {
    super('NOT_AUDIO', 'Not a playable audio file', reason);
  }
}

export class CoverNotFound extends NotFound {
  constructor() {
    super('COVER_NOT_FOUND', 'No cover', 'This track has no cover image.');
  }
}

/** Told by the bytes, whatever the name or declared type: anything but JPEG, PNG and WebP. */
export class InvalidCover extends UnsupportedMediaType {
  constructor() {
    super('Upload the cover as a PNG, JPEG or WebP image.', 'INVALID_COVER', 'Not an accepted image');
  }
}

/** A download link of an original that is forged, for another track, or past its few minutes. */
export class DownloadLinkRejected extends SignedLinkRejected {
  constructor(reason: 'invalid' | 'expired') {
    super(reason, { code: 'DOWNLOAD_LINK', name: 'download link', fresh: 'start the download again' });
  }
}
