import type { LogReader } from './veza-log';

/** The few Veza API calls the media benchmarks need: sign in as the demo artist, read tracks. */

export const DEMO_ARTIST = { login: 'demo_artist', password: 'veza-demo-password' } as const;

export interface TrackInfo {
  id: string;
  title: string;
  status: 'processing' | 'ready' | 'failed';
  statusMessage: string | null;
  progress: number;
  visibility: string;
}

export async function login(baseUrl: string, account = DEMO_ARTIST): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (res.status !== 200) throw new Error(`login as ${account.login} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** GET with an optional bearer; anything but 200 throws with the body. */
export async function getJson<T>(url: string, token?: string): Promise<T> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return (await res.json()) as T;
}

export async function deleteTrack(baseUrl: string, token: string, id: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/tracks/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 204) throw new Error(`DELETE track ${id} answered ${res.status}: ${await res.text()}`);
}

export function myTracks(baseUrl: string, token: string): Promise<TrackInfo[]> {
  return getJson<{ items: TrackInfo[] }>(`${baseUrl}/api/v1/me/tracks?limit=50`, token).then((page) => page.items);
}

/**
 * The demo content generates a few short tracks in the background at first
 * start and processes them like any upload: measuring before they are done
 * would measure their ffmpegs too. Waits for the "demo tracks uploaded"
 * log line, then (when `processed`) until none of them is processing.
 * Throws if one failed or the demo seeding did.
 */
export async function waitForDemoTracks(
  baseUrl: string,
  token: string,
  log: LogReader,
  opts: { processed: boolean; timeoutMs?: number },
): Promise<TrackInfo[]> {
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  const uploaded = await log.waitFor('demo tracks', (l) => String(l.msg).startsWith('demo tracks uploaded'), {
    failed: (l) => l.msg === 'demo tracks failed',
    timeoutMs,
  });
  const count = Number(uploaded.tracks);
  for (;;) {
    const tracks = await myTracks(baseUrl, token);
    const failed = tracks.find((t) => t.status === 'failed');
    if (failed) throw new Error(`demo track "${failed.title}" failed: ${failed.statusMessage}`);
    if (tracks.length >= count && (!opts.processed || tracks.every((t) => t.status === 'ready'))) return tracks;
    if (Date.now() > deadline) {
      const states = tracks.map((t) => `${t.title}: ${t.status} ${t.progress}%`).join(', ');
      throw new Error(`demo tracks not ready after ${timeoutMs / 1000} s (${states})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
