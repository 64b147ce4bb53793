import { useIsMutating, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { describeError, unwrap, useApi } from '@/api';
import { useAuth } from '@/features/auth';
import { useToast } from '@/ui';
import { setCount, setFollowerCount, shiftCount, shiftFollowCounts } from './social.cache';
import { socialKeys } from './social.keys';
import type { Engagement, SocialTarget, UserRelation } from './social.relations';

/** What a like or repost needs to know of a track or playlist: the list item or the detail both do. */
export interface Titled extends SocialTarget {
  title: string;
}
export interface SocialUser {
  id: string;
  username: string;
  displayName: string | null;
}

/** Sends a signed-out visitor to log in, and back to this page afterwards. */
export function useSignInFirst(): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  return () => void navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/** Why the server refused, in its own words (the problem's detail, else its title). */
export function refusalReason(error: unknown): string {
  return describeError(error, []).formError ?? 'Something went wrong.';
}

interface ToggleSpec<Flags, Answer> {
  /** One key per target, shared by every button showing it, so two buttons never race. */
  mutationKey: QueryKey;
  flagsKey: QueryKey;
  read: (flags: Flags | undefined) => boolean;
  write: (flags: Flags | undefined, on: boolean) => Flags;
  /** The counters move with the flag, in every cached query that shows them. */
  shift: (delta: number) => void;
  send: (on: boolean) => Promise<Answer>;
  settle: (answer: Answer) => { on: boolean; count: number; setCount: (count: number) => void };
  failure: (on: boolean) => string;
}

/**
 * A like, repost or follow: the flag and its counter change in the cache at
 * once; a refusal puts both back and says why in a toast; the server's answer
 * then sets both to what it counted. Clicks while one is on its way are
 * ignored, so a late answer never undoes a newer click.
 */
function useToggle<Flags, Answer>(spec: ToggleSpec<Flags, Answer>) {
  const queryClient = useQueryClient();
  const notify = useToast();
  const busy = useIsMutating({ mutationKey: spec.mutationKey }) > 0;
  const mutation = useMutation({
    mutationKey: spec.mutationKey,
    mutationFn: (on: boolean) => spec.send(on),
    onMutate: async (on) => {
      await queryClient.cancelQueries({ queryKey: spec.flagsKey });
      const was = spec.read(queryClient.getQueryData<Flags>(spec.flagsKey));
      queryClient.setQueryData<Flags>(spec.flagsKey, (flags) => spec.write(flags, on));
      const delta = was === on ? 0 : on ? 1 : -1;
      if (delta) spec.shift(delta);
      return { was, delta };
    },
    onError: (error, on, context) => {
      if (context) {
        queryClient.setQueryData<Flags>(spec.flagsKey, (flags) => spec.write(flags, context.was));
        if (context.delta) spec.shift(-context.delta);
      }
      notify(`${spec.failure(on)}: ${refusalReason(error)}`, 'error');
    },
    onSuccess: (answer) => {
      const { on, count, setCount } = spec.settle(answer);
      queryClient.setQueryData<Flags>(spec.flagsKey, (flags) => spec.write(flags, on));
      setCount(count);
    },
  });
  return {
    busy,
    toggle: (on: boolean) => {
      if (!busy) mutation.mutate(on);
    },
  };
}

export function useLikeToggle(target: Titled) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const params = { params: { path: { id: target.id } } };
  return useToggle<Engagement, { liked: boolean; likeCount: number }>({
    mutationKey: [...socialKeys.all, 'like', target.kind, target.id],
    flagsKey: socialKeys[target.kind](user?.id ?? '', target.id),
    read: (flags) => flags?.liked ?? false,
    write: (flags, on) => ({ reposted: false, ...flags, liked: on }),
    shift: (delta) => shiftCount(queryClient, target.id, 'likeCount', delta),
    send: (on) => {
      const path = `/api/v1/${target.kind}s/{id}/like` as const;
      return unwrap(on ? client.PUT(path, params) : client.DELETE(path, params));
    },
    settle: (answer) => ({
      on: answer.liked,
      count: answer.likeCount,
      setCount: (count) => setCount(queryClient, target.id, 'likeCount', count),
    }),
    failure: (on) => `Couldn't ${on ? 'like' : 'unlike'} “${target.title}”`,
  });
}

export function useRepostToggle(target: Titled) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const params = { params: { path: { id: target.id } } };
  return useToggle<Engagement, { reposted: boolean; repostCount: number }>({
    mutationKey: [...socialKeys.all, 'repost', target.kind, target.id],
    flagsKey: socialKeys[target.kind](user?.id ?? '', target.id),
    read: (flags) => flags?.reposted ?? false,
    write: (flags, on) => ({ liked: false, ...flags, reposted: on }),
    shift: (delta) => shiftCount(queryClient, target.id, 'repostCount', delta),
    send: (on) => {
      const path = `/api/v1/${target.kind}s/{id}/repost` as const;
      return unwrap(on ? client.PUT(path, params) : client.DELETE(path, params));
    },
    settle: (answer) => ({
      on: answer.reposted,
      count: answer.repostCount,
      setCount: (count) => setCount(queryClient, target.id, 'repostCount', count),
    }),
    failure: (on) => `Couldn't ${on ? 'repost' : 'undo the repost of'} “${target.title}”`,
  });
}

export function useFollowToggle(target: SocialUser) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const viewerId = user?.id ?? '';
  const params = { params: { path: { username: target.username } } };
  return useToggle<UserRelation, { following: boolean; followerCount: number }>({
    mutationKey: [...socialKeys.all, 'follow', target.id],
    flagsKey: socialKeys.user(viewerId, target.id),
    read: (flags) => flags?.following ?? false,
    write: (flags, on) => ({ blocked: false, ...flags, following: on }),
    shift: (delta) => shiftFollowCounts(queryClient, { userId: target.id, viewerId }, delta),
    send: (on) =>
      unwrap(
        on
          ? client.PUT('/api/v1/users/{username}/follow', params)
          : client.DELETE('/api/v1/users/{username}/follow', params),
      ),
    settle: (answer) => ({
      on: answer.following,
      count: answer.followerCount,
      setCount: (count) => setFollowerCount(queryClient, target.id, count),
    }),
    failure: (on) => `Couldn't ${on ? 'follow' : 'unfollow'} ${target.displayName ?? target.username}`,
  });
}
