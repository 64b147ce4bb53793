import type { Notification } from './notifications.types';

type Actor = Notification['actors'][number];

export const actorName = (a: Actor) => a.displayName ?? a.username;

/** Who acted: "A", "A and B", "A and 4 others". */
export function actorsPhrase({ actors, actorCount }: Pick<Notification, 'actors' | 'actorCount'>): {
  named: Actor[];
  others: number;
} {
  const named = actorCount === 2 && actors.length >= 2 ? actors.slice(0, 2) : actors.slice(0, 1);
  return { named, others: Math.max(0, actorCount - named.length) };
}

/** What they did, up to the target: "liked", "replied to your comment on"… */
export function actionPhrase(n: Pick<Notification, 'kind' | 'target'>): string {
  switch (n.kind) {
    case 'follow':
      return 'started following you';
    case 'like':
      return 'liked';
    case 'repost':
      return 'reposted';
    case 'comment':
      return 'commented on';
    case 'reply':
      return 'replied to your comment on';
  }
}

/** The target's name, without leaking one the recipient may no longer see. */
export function targetName(target: Notification['target']): string | null {
  if (target.type === 'user') return null;
  if (target.available && target.title !== null) return target.title;
  return target.type === 'track' ? 'a track you can no longer see' : 'a playlist you can no longer see';
}

/** Where the item leads: the track, the playlist, or the newest follower's profile. */
export function linkOf(n: Notification): string | null {
  if (n.target.type === 'track') return n.target.available ? `/tracks/${n.target.id}` : null;
  if (n.target.type === 'playlist') return n.target.available ? `/playlists/${n.target.id}` : null;
  const first = n.actors[0];
  return first ? `/u/${encodeURIComponent(first.username)}` : null;
}

/** The whole sentence, for screen readers and tests. */
export function notificationSentence(n: Notification): string {
  const { named, others } = actorsPhrase(n);
  const who =
    named.map(actorName).join(' and ') + (others > 0 ? ` and ${others} ${others === 1 ? 'other' : 'others'}` : '');
  const target = targetName(n.target);
  return `${who} ${actionPhrase(n)}${target ? ` ${target}` : ''}`;
}
