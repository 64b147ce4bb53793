import { apiErrorFrom, type Api, type TrackDetail } from '@/api';
import { xhrRequest, type Answer, type UploadFields, type UploadTrack } from './upload.transport';

/** Bytes per PATCH: a dropped connection costs at most this much again. */
export const TUS_CHUNK_BYTES = 8 * 1024 * 1024;
/** Waits between attempts after a network failure, then it gives up. */
const RETRY_DELAYS_MS = [1_000, 3_000, 5_000, 10_000];
const TUS = { 'Tus-Resumable': '1.0.0' };

export interface ResumeStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Resumable uploads over the tus 1.0 protocol the server speaks at
 * /api/v1/uploads. The upload's address is remembered per file (name, size,
 * date) in localStorage, so after a dropped connection, a reload or a
 * closed tab, choosing the same file again continues from the last byte
 * the server has. Cancelling ends the upload on the server too. A cover
 * goes up afterwards, on the created track.
 */
export function createTusUploader(
  { baseUrl, session, client }: Pick<Api, 'baseUrl' | 'session' | 'client'>,
  options: { store?: ResumeStore; wait?: (ms: number) => Promise<void> } = {},
): UploadTrack {
  const store = options.store ?? window.localStorage;
  const wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));

  /** A request with the current token; one refresh and resend on a 401. */
  async function authed(request: Omit<Parameters<typeof xhrRequest>[0], 'token'>): Promise<Answer> {
    const answer = await xhrRequest({ ...request, token: session.getAccessToken() });
    if (answer.status !== 401) return answer;
    const refreshed = await session.refresh();
    return refreshed ? xhrRequest({ ...request, token: refreshed.accessToken }) : answer;
  }

  return async (file, fields, onProgress, signal) => {
    const key = `veza.upload:${file.name}:${file.size}:${file.lastModified}`;
    let location = store.getItem(key);
    let offset = location ? await resumeOffset(location) : null;
    if (offset === null) {
      location = await create();
      store.setItem(key, location);
      offset = 0;
    }
    const uploadUrl = `${baseUrl}${location}`;
    onProgress({ loaded: offset, total: file.size });

    let failures = 0;
    let finished: TrackDetail | null = null;
    while (!finished) {
      try {
        const end = Math.min(offset + TUS_CHUNK_BYTES, file.size);
        const sent: number = offset;
        const answer = await authed({
          method: 'PATCH',
          url: uploadUrl,
          body: file.slice(offset, end),
          headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
          onProgress: (p) => onProgress({ loaded: sent + p.loaded, total: file.size }),
          signal,
        });
        if (answer.status === 200) finished = answer.body as TrackDetail;
        else if (answer.status === 204) offset = Number(answer.header('Upload-Offset'));
        else throw apiErrorFrom(answer.status, answer.body, answer.retryAfter);
        failures = 0;
      } catch (err) {
        if (!(err instanceof TypeError) || failures >= RETRY_DELAYS_MS.length) {
          // The termination goes out in the background: cancelling answers at once.
          if (isAbort(err)) cancel(uploadUrl);
          if (!(err instanceof TypeError)) store.removeItem(key);
          throw err;
        }
        await wait(RETRY_DELAYS_MS[failures++]!);
        // Where did the server stop? It may have kept part of the chunk.
        offset = (await resumeOffset(location!)) ?? offset;
      }
    }
    store.removeItem(key);
    onProgress({ loaded: file.size, total: file.size });
    return fields.cover ? await attachCover(finished.id, fields.cover) : finished;

    async function create(): Promise<string> {
      const answer = await authed({
        method: 'POST',
        url: `${baseUrl}/api/v1/uploads`,
        headers: { ...TUS, 'Upload-Length': String(file.size), 'Upload-Metadata': uploadMetadata(file, fields) },
        signal,
      });
      const created = answer.header('Location');
      if (answer.status !== 201 || !created) throw apiErrorFrom(answer.status, answer.body, answer.retryAfter);
      return created;
    }

    /** The server's offset for a remembered upload; null when it is gone (finished, expired, not ours). */
    async function resumeOffset(at: string): Promise<number | null> {
      const answer = await authed({ method: 'HEAD', url: `${baseUrl}${at}`, headers: TUS, signal });
      const serverOffset = answer.header('Upload-Offset');
      if (answer.status === 200 && serverOffset !== null) return Number(serverOffset);
      store.removeItem(key);
      return null;
    }

    function cancel(at: string): void {
      store.removeItem(key);
      const never = new AbortController().signal;
      void authed({ method: 'DELETE', url: at, headers: TUS, signal: never }).catch(() => undefined);
    }
  };

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

/** tus metadata: comma-separated `key base64(value)` pairs; empty fields are left out. */
export function uploadMetadata(file: File, fields: UploadFields): string {
  const pairs: [string, string][] = [
    ['filename', file.name],
    ['title', fields.title.trim()],
    ['description', fields.description.trim()],
    ['genre', fields.genre.trim()],
    ['tags', fields.tags.trim()],
    ['visibility', fields.visibility],
  ];
  return pairs
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name} ${base64(value)}`)
    .join(',');
}

function base64(text: string): string {
  return btoa(String.fromCodePoint(...new TextEncoder().encode(text)));
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
