import { useQuery } from '@tanstack/react-query';
import { unwrap, useApi, type Api } from '@/api';
import { useAuth } from '@/features/auth';
import { socialKeys } from './social.keys';

/** The caller's like and repost of a track or a playlist. */
export interface Engagement {
  liked: boolean;
  reposted: boolean;
}
/** What can be liked and reposted. */
export interface SocialTarget {
  kind: 'track' | 'playlist';
  id: string;
}
export interface UserRelation {
  following: boolean;
  blocked: boolean;
}

/** The server takes up to 100 ids of each kind per request. */
const MAX_IDS = 100;

interface Waiting<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

interface Queues {
  tracks: Map<string, Waiting<Engagement>[]>;
  playlists: Map<string, Waiting<Engagement>[]>;
  users: Map<string, Waiting<UserRelation>[]>;
}
type Ids = Record<keyof Queues, string[]>;

const emptyQueues = (): Queues => ({ tracks: new Map(), playlists: new Map(), users: new Map() });

function settle<T>(queue: Map<string, Waiting<T>[]>, ids: string[], each: (waiting: Waiting<T>, id: string) => void) {
  for (const id of ids) for (const waiting of queue.get(id) ?? []) each(waiting, id);
}

function engagementOf(found: Engagement | undefined): Engagement {
  return { liked: found?.liked ?? false, reposted: found?.reposted ?? false };
}

/**
 * Collects the ids every button on screen asks about during one render and
 * asks /me/relations once for all of them on the next tick: a page of fifty
 * rows costs one request, not fifty, and each answer lands in its own cache
 * entry that every button showing the same track shares.
 */
class RelationsBatcher {
  private queues = emptyQueues();
  private scheduled = false;

  constructor(private readonly api: Api) {}

  engagement({ kind, id }: SocialTarget): Promise<Engagement> {
    const queue = kind === 'track' ? this.queues.tracks : this.queues.playlists;
    return new Promise((resolve, reject) => this.enqueue(queue, id, { resolve, reject }));
  }

  user(id: string): Promise<UserRelation> {
    return new Promise((resolve, reject) => this.enqueue(this.queues.users, id, { resolve, reject }));
  }

  private enqueue<T>(queue: Map<string, Waiting<T>[]>, id: string, waiting: Waiting<T>): void {
    queue.set(id, [...(queue.get(id) ?? []), waiting]);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => void this.flush(), 0);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const queues = this.queues;
    this.queues = emptyQueues();
    const ids: Ids = {
      tracks: [...queues.tracks.keys()],
      playlists: [...queues.playlists.keys()],
      users: [...queues.users.keys()],
    };
    const rounds = Math.max(...Object.values(ids).map((list) => Math.ceil(list.length / MAX_IDS)));
    await Promise.all(
      Array.from({ length: rounds }, (_, i) => {
        const slice = (list: string[]) => list.slice(i * MAX_IDS, (i + 1) * MAX_IDS);
        return this.ask(
          { tracks: slice(ids.tracks), playlists: slice(ids.playlists), users: slice(ids.users) },
          queues,
        );
      }),
    );
  }

  private async ask(ids: Ids, queues: Queues): Promise<void> {
    try {
      const query = {
        ...(ids.tracks.length ? { tracks: ids.tracks } : {}),
        ...(ids.playlists.length ? { playlists: ids.playlists } : {}),
        ...(ids.users.length ? { users: ids.users } : {}),
      };
      const answer = await unwrap(this.api.client.GET('/api/v1/me/relations', { params: { query } }));
      const trackById = new Map(answer.tracks.map((t) => [t.id, t]));
      const playlistById = new Map(answer.playlists.map((p) => [p.id, p]));
      const userById = new Map(answer.users.map((u) => [u.id, u]));
      settle(queues.tracks, ids.tracks, (w, id) => w.resolve(engagementOf(trackById.get(id))));
      settle(queues.playlists, ids.playlists, (w, id) => w.resolve(engagementOf(playlistById.get(id))));
      settle(queues.users, ids.users, (w, id) => {
        const found = userById.get(id);
        w.resolve({ following: found?.following ?? false, blocked: found?.blocked ?? false });
      });
    } catch (error) {
      settle(queues.tracks, ids.tracks, (w) => w.reject(error));
      settle(queues.playlists, ids.playlists, (w) => w.reject(error));
      settle(queues.users, ids.users, (w) => w.reject(error));
    }
  }
}

const batchers = new WeakMap<Api, RelationsBatcher>();
function batcherFor(api: Api): RelationsBatcher {
  let batcher = batchers.get(api);
  if (!batcher) {
    batcher = new RelationsBatcher(api);
    batchers.set(api, batcher);
  }
  return batcher;
}

// Kept current by the buttons' own answers; another tab's changes show after this long.
const STALE_MS = 5 * 60_000;

/** The signed-in caller's like and repost of a track or playlist (undefined while loading, or when signed out). */
export function useEngagement(target: SocialTarget) {
  const api = useApi();
  const { user } = useAuth();
  const viewerId = user?.id ?? '';
  return useQuery({
    queryKey: socialKeys[target.kind](viewerId, target.id),
    queryFn: () => batcherFor(api).engagement(target),
    enabled: Boolean(user),
    staleTime: STALE_MS,
  });
}

/** The signed-in caller's follow and block of a user. */
export function useUserRelation(userId: string) {
  const api = useApi();
  const { user } = useAuth();
  const viewerId = user?.id ?? '';
  return useQuery({
    queryKey: socialKeys.user(viewerId, userId),
    queryFn: () => batcherFor(api).user(userId),
    enabled: Boolean(user) && user?.id !== userId,
    staleTime: STALE_MS,
  });
}
