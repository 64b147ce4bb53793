import { Upload, type DetailedError, type HttpResponse, type UrlStorage } from 'tus-js-client';
import { apiErrorFrom, type Api, type TrackDetail } from '@/api';
import type { UploadFields, UploadTrack } from './upload.transport';

/** Bytes per PATCH: a dropped connection costs at most this much again. */
export const TUS_CHUNK_BYTES = 8 * 1024 * 1024;
/** Waits before each new attempt after a network failure or a 5xx; then it gives up. */
const RETRY_DELAYS_MS = [0, 1_000, 3_000, 5_000, 10_000];

export interface TusOptions {
  /** Where resumable uploads are remembered; tus-js-client's default is localStorage. */
  urlStorage?: UrlStorage;
  retryDelays?: number[];
}

/**
 * Resumable uploads over the tus 1.0 protocol the server speaks at
 * /api/v1/uploads, with tus-js-client. Its fingerprint (name, type, size,
 * date) remembers each file's upload in localStorage, so after a dropped
 * connection, a reload or a closed tab, choosing the same file again
 * continues from the last byte the server has. Every request carries the
 * current bearer token; a 401 refreshes the session and tries again.
 * Refusals (too large, not audio, quota) are final and carry the server's
 * problem. Cancelling ends the upload on the server too. A cover goes up
 * afterwards, on the created track.
 */
export function createTusUploader(
  { baseUrl, session, client }: Pick<Api, 'baseUrl' | 'session' | 'client'>,
  options: TusOptions = {},
): UploadTrack {
  return async (file, fields, onProgress, signal) => {
    if (signal.aborted) throw cancelled();
    let settled = () => {};
    const track = await new Promise<TrackDetail>((resolve, reject) => {
      // A refresh a 401 started; the next request waits for its token.
      let refreshing: Promise<unknown> | null = null;
      let refreshedSinceLastAnswer = false;

      const upload = new Upload(file, {
        endpoint: `${baseUrl}/api/v1/uploads`,
        chunkSize: TUS_CHUNK_BYTES,
        metadata: uploadMetadata(file, fields),
        retryDelays: options.retryDelays ?? RETRY_DELAYS_MS,
        removeFingerprintOnSuccess: true,
        ...(options.urlStorage ? { urlStorage: options.urlStorage } : {}),
        async onBeforeRequest(req) {
          if (refreshing) await refreshing.catch(() => undefined);
          refreshing = null;
          req.setHeader('Accept', 'application/json');
          const token = session.getAccessToken();
          if (token) req.setHeader('Authorization', `Bearer ${token}`);
        },
        onAfterResponse(_req, res) {
          if (res.getStatus() !== 401) refreshedSinceLastAnswer = false;
        },
        onShouldRetry(err) {
          const status = err.originalResponse?.getStatus() ?? 0;
          if (status === 401) {
            // One refresh per expiry: a 401 right after a refresh means the session is over.
            if (refreshedSinceLastAnswer) return false;
            refreshedSinceLastAnswer = true;
            refreshing = session.refresh();
            return true;
          }
          // The network, the server's own trouble, or a lock that will pass; any other 4xx is a verdict.
          return status === 0 || status >= 500 || status === 409 || status === 423;
        },
        onProgress: (loaded, total) => onProgress({ loaded, total }),
        onSuccess: ({ lastResponse }) => void finishedTrack(lastResponse).then(resolve, reject),
        onError: (err) => reject(uploadError(err)),
      });

      const onAbort = () => {
        reject(cancelled());
        // The termination (DELETE) goes out in the background: cancelling answers at once.
        upload.abort(true).catch(() => undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      settled = () => signal.removeEventListener('abort', onAbort);

      void upload.findPreviousUploads().then((previous) => {
        // Storage order is no order: the newest attempt got furthest.
        const newest = [...previous].sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime))[0];
        if (newest) upload.resumeFromPreviousUpload(newest);
        if (!signal.aborted) upload.start();
      }, reject);
    }).finally(() => settled());
    onProgress({ loaded: file.size, total: file.size });
    return fields.cover ? await attachCover(track.id, fields.cover) : track;
  };

  /**
   * The last PATCH answers the created track. An upload whose last byte had
   * already arrived answers a HEAD instead; its metadata names the track.
   */
  async function finishedTrack(res: HttpResponse): Promise<TrackDetail> {
    const body = parseJson(res.getBody());
    if (body && typeof body === 'object' && 'id' in body) return body as TrackDetail;
    const trackId = metadataValue(res.getHeader('Upload-Metadata'), 'trackId');
    if (!trackId) throw new Error('The server finished the upload without naming its track');
    const { data, error, response } = await client.GET('/api/v1/tracks/{id}', { params: { path: { id: trackId } } });
    if (error || !data) throw apiErrorFrom(response.status, error, response.headers.get('Retry-After'));
    return data;
  }

  async function attachCover(trackId: string, cover: File): Promise<TrackDetail> {
    const { data, error, response } = await client.PUT('/api/v1/tracks/{id}/cover', {
      params: { path: { id: trackId } },
      body: { file: cover as unknown as string },
      bodySerializer: (body: { file: unknown }) => {
        const form = new FormData();
        form.append('file', body.file as Blob);
        return form;
      },
    });
    if (error || !data) throw apiErrorFrom(response.status, error, response.headers.get('Retry-After'));
    return data;
  }
}

/**
 * Small files go up in one multipart request (one round trip, cover
 * included); anything bigger than a chunk goes over tus, where losing the
 * connection costs one chunk instead of the whole file.
 */
export function bySize(small: UploadTrack, large: UploadTrack): UploadTrack {
  return (file, ...rest) => (file.size > TUS_CHUNK_BYTES ? large(file, ...rest) : small(file, ...rest));
}

/** The tus metadata the server reads when it creates the track; empty fields are left out. */
export function uploadMetadata(file: File, fields: UploadFields): Record<string, string> {
  const pairs: [string, string][] = [
    ['filename', file.name],
    ['title', fields.title.trim()],
    ['description', fields.description.trim()],
    ['genre', fields.genre.trim()],
    ['tags', fields.tags.trim()],
    ['visibility', fields.visibility],
  ];
  return Object.fromEntries(pairs.filter(([, value]) => value !== ''));
}

/**
 * The error the card shows: the server's problem for an answer, a TypeError
 * (like fetch's) when the network stayed down through every retry.
 */
function uploadError(err: Error | DetailedError): Error {
  const res = 'originalResponse' in err ? err.originalResponse : null;
  if (!res) return new TypeError('The upload could not reach the server');
  return apiErrorFrom(res.getStatus(), parseJson(res.getBody()), res.getHeader('Retry-After') ?? null);
}

/** One value of a tus `Upload-Metadata` header: comma-separated `key base64(value)` pairs. */
function metadataValue(header: string | undefined | null, key: string): string | null {
  for (const pair of (header ?? '').split(',')) {
    const [name, value] = pair.trim().split(' ');
    if (name === key && value) return new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
  }
  return null;
}

function cancelled(): DOMException {
  return new DOMException('Upload cancelled', 'AbortError');
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}
