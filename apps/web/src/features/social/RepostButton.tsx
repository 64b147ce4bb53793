import './social.css';
import { useAuth } from '@/features/auth';
import { SocialIcon } from './SocialIcon';
import { compactCount, plural } from './social.format';
import { useRepostToggle, useSignInFirst, type Titled } from './social.hooks';
import { useEngagement } from './social.relations';

interface Repostable {
  id: string;
  title: string;
  repostCount: number;
  visibility: string;
}

type RepostButtonProps = (
  | { track: Repostable & { artist: { id: string } }; playlist?: never }
  | { playlist: Repostable & { owner: { id: string } }; track?: never }
) & { className?: string };

/**
 * Reposts someone else's public track or playlist to your followers. On your
 * own, or on a non-public one you have not reposted, the count shows without
 * a button; one you reposted before it went non-public can still be undone.
 */
export function RepostButton({ className = '', ...props }: RepostButtonProps) {
  const { user } = useAuth();
  const item = props.track ?? props.playlist;
  const ownerId = props.track ? props.track.artist.id : props.playlist.owner.id;
  const target: Titled = { kind: props.track ? 'track' : 'playlist', id: item.id, title: item.title };
  const relation = useEngagement(target);
  const { toggle } = useRepostToggle(target);
  const signIn = useSignInFirst();
  const reposted = relation.data?.reposted ?? false;
  const count = plural(item.repostCount, 'repost', 'reposts');
  if (user?.id === ownerId || (item.visibility !== 'public' && !reposted)) {
    return (
      <span className={`social-static ${className}`} role="img" aria-label={count} title={count}>
        <SocialIcon name="repost" on={false} />
        <span className="social-count">{compactCount(item.repostCount)}</span>
      </span>
    );
  }
  return (
    <button
      type="button"
      className={`social-toggle social-repost ${reposted ? 'on' : ''} ${className}`}
      aria-pressed={reposted}
      aria-label={`${reposted ? 'Reposted' : 'Repost'} “${item.title}”, ${count}`}
      title={user ? (reposted ? 'Undo repost' : 'Repost to your followers') : 'Log in to repost'}
      onClick={() => (user ? toggle(!reposted) : signIn())}
    >
      <SocialIcon name="repost" on={reposted} />
      <span className="social-count" aria-hidden="true">
        {compactCount(item.repostCount)}
      </span>
    </button>
  );
}
