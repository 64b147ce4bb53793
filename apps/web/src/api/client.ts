import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

// Taken from the operations rather than from component names, so the types
// survive however the server's spec names (or inlines) its schemas.
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
export type Me = JsonOf<paths['/api/v1/me']['get']['responses'][200]>;
export type PublicProfile = JsonOf<paths['/api/v1/users/{username}']['get']['responses'][200]>;
export type ProfileLink = Me['links'][number];
export type SessionBody = JsonOf<paths['/api/v1/auth/login']['post']['responses'][200]>;
export type Role = Me['role'];
export type TrackDetail = JsonOf<paths['/api/v1/tracks/{id}']['get']['responses'][200]>;
/** A track as lists show it: everything but the waveform. */
export type Track = JsonOf<paths['/api/v1/me/tracks']['get']['responses'][200]>['items'][number];
export type TrackPage = JsonOf<paths['/api/v1/me/tracks']['get']['responses'][200]>;
export type TrackStatus = Track['status'];
export type Visibility = Track['visibility'];
export type ApiClient = Client<paths>;

export type SessionStatus = 'unknown' | 'signedIn' | 'signedOut';
export interface SessionSnapshot {
  status: SessionStatus;
  /**
   * The server refused a session this tab had (or its cookie promised):
   * expired, revoked, or ended elsewhere. The app says so instead of
   * silently showing the signed-out page.
   */
  ended: boolean;
}

export interface ApiOptions {
  /** '' in the browser (same origin); tests pass an absolute origin. */
  baseUrl?: string;
  /** Injected by tests; defaults to the global fetch, looked up per call. */
  fetch?: (request: Request) => Promise<Response>;
  readCookie?: (name: string) => string | undefined;
}

export interface Api {
  client: ApiClient;
  session: SessionStore;
  /** Where the API lives ('' = same origin), for requests openapi-fetch cannot make (uploads with progress, event streams). */
  baseUrl: string;
  /** The fetch the client uses (a fake one in tests); it adds no credentials of its own. */
  fetch: (request: Request) => Promise<Response>;
}

export interface SessionStore {
  getSnapshot: () => SessionSnapshot;
  /** For useSyncExternalStore: called on every status change. */
  subscribe: (onChange: () => void) => () => void;
  /** Called with the session body after login/refresh, or null when it ends. */
  onSession: (listener: (session: SessionBody | null) => void) => () => void;
  getAccessToken: () => string | null;
  start: (session: SessionBody) => void;
  /** The "session ended" notice was read. */
  acknowledgeEnded: () => void;
  /** One refresh at a time; concurrent callers share the same promise. */
  refresh: () => Promise<SessionBody | null>;
  /** Boot: restore a session from the refresh cookie, once. */
  restore: () => Promise<SessionBody | null>;
  logout: () => Promise<void>;
  csrfHeaders: () => Record<string, string>;
}

export const CSRF_COOKIE = 'veza_csrf';
/** The name the server gives it over HTTPS (Secure, host-only); plain-http localhost keeps CSRF_COOKIE. */
export const HOST_CSRF_COOKIE = `__Host-${CSRF_COOKIE}`;
const REFRESH_PATH = '/api/v1/auth/refresh';

// A 401 from these means "wrong credentials" or "no session", not "access
// token expired", so they never trigger a refresh.
const NO_REFRESH = [
  '/api/v1/auth/login',
  '/api/v1/auth/signup',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/auth/verify-email',
  '/api/v1/auth/password/forgot',
  '/api/v1/auth/password/reset',
  '/api/v1/auth/password/reset/check',
];

export function readBrowserCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function createApi(options: ApiOptions = {}): Api {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const readCookie = options.readCookie ?? readBrowserCookie;

  // The access token lives in memory only: a reload restores it through the
  // httpOnly refresh cookie, so nothing script-readable outlives the tab.
  let accessToken: string | null = null;
  let snapshot: SessionSnapshot = { status: 'unknown', ended: false };
  let refreshing: Promise<SessionBody | null> | null = null;
  let restoring: Promise<SessionBody | null> | null = null;
  const statusListeners = new Set<() => void>();
  const sessionListeners = new Set<(session: SessionBody | null) => void>();

  function setSession(session: SessionBody | null, opts: { ended?: boolean } = {}): void {
    accessToken = session?.accessToken ?? null;
    const status: SessionStatus = session ? 'signedIn' : 'signedOut';
    const ended = session ? false : (opts.ended ?? snapshot.ended);
    for (const listener of sessionListeners) listener(session);
    setSnapshot({ status, ended });
  }

  function setSnapshot(next: SessionSnapshot): void {
    if (snapshot.status === next.status && snapshot.ended === next.ended) return;
    snapshot = next;
    for (const listener of statusListeners) listener();
  }

  /** The CSRF cookie under either name: `__Host-` over HTTPS, plain on http://localhost. */
  function csrfCookie(): string | undefined {
    return readCookie(HOST_CSRF_COOKIE) ?? readCookie(CSRF_COOKIE);
  }

  function csrfHeaders(): Record<string, string> {
    const csrf = csrfCookie();
    return csrf ? { 'X-CSRF-Token': csrf } : {};
  }

  /**
   * Tabs share the refresh cookie, and the server treats a rotated token
   * presented twice as theft (it ends the session). Two tabs refreshing at the
   * same moment would do exactly that, so they take turns through the Web
   * Locks API: the second one then sends the cookie the first one received.
   * Outside a secure context there are no locks; tabs then refresh as before.
   */
  async function oneTabAtATime(work: () => Promise<SessionBody | null>): Promise<SessionBody | null> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? await locks.request('veza-session-refresh', work) : work();
  }

  async function refreshOnce(): Promise<SessionBody | null> {
    // The script-readable CSRF cookie lives exactly as long as the session
    // cookie: without it there is no session to refresh, and asking would
    // only log a 401 on every signed-out visit.
    if (!csrfCookie()) {
      setSession(null);
      return null;
    }
    try {
      const response = await doFetch(
        new Request(`${baseUrl}${REFRESH_PATH}`, {
          method: 'POST',
          credentials: 'include',
          headers: csrfHeaders(),
        }),
      );
      if (!response.ok) {
        // Only a refusal of a session we had is news; the cookie is the hint that there was one.
        setSession(null, { ended: true });
        return null;
      }
      const body = (await response.json()) as SessionBody;
      setSession(body);
      return body;
    } catch {
      setSession(null);
      return null;
    }
  }

  const session: SessionStore = {
    getSnapshot: () => snapshot,
    subscribe(onChange) {
      statusListeners.add(onChange);
      return () => statusListeners.delete(onChange);
    },
    onSession(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    getAccessToken: () => accessToken,
    start: (body) => setSession(body),
    acknowledgeEnded: () => setSnapshot({ ...snapshot, ended: false }),
    refresh() {
      refreshing ??= oneTabAtATime(refreshOnce).finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    restore() {
      restoring ??= session.refresh();
      return restoring;
    },
    async logout() {
      try {
        await doFetch(
          new Request(`${baseUrl}/api/v1/auth/logout`, {
            method: 'POST',
            credentials: 'include',
            headers: { ...csrfHeaders(), ...bearer() },
          }),
        );
      } finally {
        // Even if the server is unreachable, this tab forgets the session.
        setSession(null, { ended: false });
      }
    },
    csrfHeaders,
  };

  function bearer(): Record<string, string> {
    return accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
  }

  // Request bodies are streams: keep an unread copy of each request so a 401
  // can be replayed after the refresh.
  const replayable = new WeakMap<Request, { copy: Request; token: string | null }>();

  const auth: Middleware = {
    onRequest({ request }) {
      if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
      const path = new URL(request.url, 'http://x').pathname;
      if (!NO_REFRESH.includes(path)) {
        replayable.set(request, { copy: request.clone(), token: accessToken });
      }
      return request;
    },
    async onResponse({ request, response }) {
      const entry = replayable.get(request);
      replayable.delete(request);
      if (response.status !== 401 || !entry) return undefined;
      // Another request may already have refreshed while this one was in
      // flight: then the new token is simply used, without a second refresh.
      const fresh = accessToken && accessToken !== entry.token ? accessToken : null;
      const token = fresh ?? (await session.refresh())?.accessToken;
      if (!token) return undefined;
      entry.copy.headers.set('Authorization', `Bearer ${token}`);
      return doFetch(entry.copy);
    },
  };

  const client = createClient<paths>({ baseUrl, fetch: doFetch });
  client.use(auth);
  return { client, session, baseUrl, fetch: doFetch };
}
