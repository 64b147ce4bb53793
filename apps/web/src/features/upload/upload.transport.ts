import { apiErrorFrom, type Api, type TrackDetail, type Visibility } from '@/api';

export interface UploadFields {
  title: string;
  description: string;
  genre: string;
  /** Comma-separated, as the form takes them. */
  tags: string;
  visibility: Visibility;
  cover: File | null;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends one track. Today a single multipart POST; a resumable (tus)
 * uploader can replace it behind the same signature. Rejects with an
 * ApiError for an answer other than 201, a TypeError when the network
 * fails, and an AbortError when `signal` aborts.
 */
export type UploadTrack = (
  file: File,
  fields: UploadFields,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal,
) => Promise<TrackDetail>;

/** The multipart body. Fields go before the file: the server reads them as they stream in and titles the track then. */
export function uploadForm(file: File, fields: UploadFields): FormData {
  const form = new FormData();
  form.append('title', fields.title.trim());
  if (fields.description.trim()) form.append('description', fields.description.trim());
  if (fields.genre.trim()) form.append('genre', fields.genre.trim());
  if (fields.tags.trim()) form.append('tags', fields.tags);
  form.append('visibility', fields.visibility);
  if (fields.cover) form.append('cover', fields.cover, fields.cover.name);
  form.append('file', file, file.name);
  return form;
}

/**
 * The uploader over XMLHttpRequest: fetch() reports no upload progress.
 * Like the API client, it sends the in-memory bearer token and, on a 401,
 * refreshes the session once and sends again.
 */
export function createXhrUploader({ baseUrl, session }: Pick<Api, 'baseUrl' | 'session'>): UploadTrack {
  return async (file, fields, onProgress, signal) => {
    const post = (token: string | null) =>
      xhrRequest({
        method: 'POST',
        url: `${baseUrl}/api/v1/tracks`,
        body: uploadForm(file, fields),
        token,
        onProgress,
        signal,
      });
    const first = await post(session.getAccessToken());
    if (first.status !== 401) return settle(first);
    const refreshed = await session.refresh();
    if (!refreshed) return settle(first);
    onProgress({ loaded: 0, total: file.size });
    return settle(await post(refreshed.accessToken));
  };
}

export interface Answer {
  status: number;
  body: unknown;
  retryAfter: string | null;
  header: (name: string) => string | null;
}

function settle(answer: Answer): TrackDetail {
  if (answer.status === 201) return answer.body as TrackDetail;
  throw apiErrorFrom(answer.status, answer.body, answer.retryAfter);
}

export interface XhrRequest {
  method: string;
  url: string;
  body?: FormData | Blob | null;
  token: string | null;
  headers?: Record<string, string>;
  onProgress?: (progress: UploadProgress) => void;
  signal: AbortSignal;
}

/** One request over XMLHttpRequest, for its upload progress events. */
export function xhrRequest({
  method,
  url,
  body = null,
  token,
  headers = {},
  onProgress,
  signal,
}: XhrRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    const onAbort = () => xhr.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => signal.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      cleanup();
      resolve({
        status: xhr.status,
        body: parseJson(xhr.responseText),
        retryAfter: xhr.getResponseHeader('Retry-After'),
        header: (name) => xhr.getResponseHeader(name),
      });
    };
    xhr.onerror = () => {
      cleanup();
      reject(new TypeError('The upload could not reach the server'));
    };
    xhr.onabort = () => {
      cleanup();
      reject(new DOMException('Upload cancelled', 'AbortError'));
    };
    xhr.send(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
