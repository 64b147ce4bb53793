import './social.css';
import { useAuth } from '@/features/auth';
import { SocialIcon } from './SocialIcon';
import { compactCount, plural } from './social.format';
import { useLikeToggle, useSignInFirst, type SocialTrack } from './social.hooks';
import { useTrackRelation } from './social.relations';

interface LikeButtonProps {
  /** Without `likeCount` (the player's copy of a track has none) the button shows only the heart. */
  track: SocialTrack & { likeCount?: number };
  showCount?: boolean;
  className?: string;
}

/** A heart that fills at once on click and empties again if the server refuses. */
export function LikeButton({ track, showCount = true, className = '' }: LikeButtonProps) {
  const { user } = useAuth();
  const relation = useTrackRelation(track.id);
  const { toggle } = useLikeToggle(track);
  const signIn = useSignInFirst();
  const liked = relation.data?.liked ?? false;
  const count = track.likeCount;
  const label =
    `${liked ? 'Liked' : 'Like'} “${track.title}”` + (count === undefined ? '' : `, ${plural(count, 'like', 'likes')}`);
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
