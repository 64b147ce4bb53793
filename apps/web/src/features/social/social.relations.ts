import { useQuery } from '@tanstack/react-query';
import { unwrap, useApi, type Api } from '@/api';
import { useAuth } from '@/features/auth';
import { socialKeys } from './social.keys';

export interface TrackRelation {
  liked: boolean;
  reposted: boolean;
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

/**
 * Collects the ids every button on screen asks about during one render and
 * asks /me/relations once for all of them on the next tick: a page of fifty
 * rows costs one request, not fifty, and each answer lands in its own cache
 * entry that every button showing the same track shares.
 */
class RelationsBatcher {
  private tracks = new Map<string, Waiting<TrackRelation>[]>();
  private users = new Map<string, Waiting<UserRelation>[]>();
  private scheduled = false;

  constructor(private readonly api: Api) {}

  track(id: string): Promise<TrackRelation> {
    return new Promise((resolve, reject) => this.enqueue(this.tracks, id, { resolve, reject }));
  }

  user(id: string): Promise<UserRelation> {
    return new Promise((resolve, reject) => this.enqueue(this.users, id, { resolve, reject }));
  }

  private enqueue<T>(queue: Map<string, Waiting<T>[]>, id: string, waiting: Waiting<T>): void {
    queue.set(id, [...(queue.get(id) ?? []), waiting]);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => void this.flush(), 0);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const tracks = this.tracks;
    const users = this.users;
    this.tracks = new Map();
    this.users = new Map();
    const trackIds = [...tracks.keys()];
    const userIds = [...users.keys()];
    const rounds = Math.max(Math.ceil(trackIds.length / MAX_IDS), Math.ceil(userIds.length / MAX_IDS));
    await Promise.all(
      Array.from({ length: rounds }, (_, i) =>
        this.ask(
          trackIds.slice(i * MAX_IDS, (i + 1) * MAX_IDS),
          userIds.slice(i * MAX_IDS, (i + 1) * MAX_IDS),
          tracks,
          users,
        ),
      ),
    );
  }

  private async ask(
    trackIds: string[],
    userIds: string[],
    tracks: Map<string, Waiting<TrackRelation>[]>,
    users: Map<string, Waiting<UserRelation>[]>,
  ): Promise<void> {
    try {
      const answer = await unwrap(
        this.api.client.GET('/api/v1/me/relations', {
          params: {
            query: { ...(trackIds.length ? { tracks: trackIds } : {}), ...(userIds.length ? { users: userIds } : {}) },
          },
        }),
      );
      const trackById = new Map(answer.tracks.map((t) => [t.id, t]));
      const userById = new Map(answer.users.map((u) => [u.id, u]));
      for (const id of trackIds) {
        const found = trackById.get(id);
        const value = { liked: found?.liked ?? false, reposted: found?.reposted ?? false };
        for (const w of tracks.get(id) ?? []) w.resolve(value);
      }
      for (const id of userIds) {
        const found = userById.get(id);
        const value = { following: found?.following ?? false, blocked: found?.blocked ?? false };
        for (const w of users.get(id) ?? []) w.resolve(value);
      }
    } catch (error) {
      for (const id of trackIds) for (const w of tracks.get(id) ?? []) w.reject(error);
      for (const id of userIds) for (const w of users.get(id) ?? []) w.reject(error);
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

/** The signed-in caller's like and repost of a track (undefined while loading, or when signed out). */
export function useTrackRelation(trackId: string) {
  const api = useApi();
  const { user } = useAuth();
  const viewerId = user?.id ?? '';
  return useQuery({
    queryKey: socialKeys.track(viewerId, trackId),
    queryFn: () => batcherFor(api).track(trackId),
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
