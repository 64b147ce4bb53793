import './social.css';
import { useAuth } from '@/features/auth';
import { SocialIcon } from './SocialIcon';
import { compactCount, plural } from './social.format';
import { useLikeToggle, useSignInFirst, type Titled } from './social.hooks';
import { useEngagement } from './social.relations';

/** Without `likeCount` (the player's copy of a track has none) the button shows only the heart. */
type Likeable = { id: string; title: string; likeCount?: number };

type LikeButtonProps = ({ track: Likeable; playlist?: never } | { playlist: Likeable; track?: never }) & {
  showCount?: boolean;
  className?: string;
};

/** A heart, for a track or a playlist, that fills at once on click and empties again if the server refuses. */
export function LikeButton({ showCount = true, className = '', ...props }: LikeButtonProps) {
  const { user } = useAuth();
  const item = props.track ?? props.playlist;
  const target: Titled = { kind: props.track ? 'track' : 'playlist', id: item.id, title: item.title };
  const relation = useEngagement(target);
  const { toggle } = useLikeToggle(target);
  const signIn = useSignInFirst();
  const liked = relation.data?.liked ?? false;
  const count = item.likeCount;
  const label =
    `${liked ? 'Liked' : 'Like'} “${item.title}”` + (count === undefined ? '' : `, ${plural(count, 'like', 'likes')}`);
  return (
    <button
      type="button"
      className={`social-toggle social-like ${liked ? 'on' : ''} ${className}`}
      aria-pressed={liked}
      aria-label={label}
      title={user ? (liked ? 'Unlike' : 'Like') : 'Log in to like'}
      onClick={() => (user ? toggle(!liked) : signIn())}
    >
      <SocialIcon name="heart" on={liked} />
      {showCount && count !== undefined && (
        <span className="social-count" aria-hidden="true">
          {compactCount(count)}
        </span>
      )}
    </button>
  );
}
