import './social.css';
import { useAuth } from '@/features/auth';
import { plural } from './social.format';
import { useFollowToggle, useSignInFirst, type SocialUser } from './social.hooks';
import { useUserRelation } from './social.relations';

interface FollowButtonProps {
  user: SocialUser & { followerCount: number };
  className?: string;
}

/** Follow / Following, with the follower count beside it; nothing on your own profile. */
export function FollowButton({ user: target, className = '' }: FollowButtonProps) {
  const { user } = useAuth();
  const relation = useUserRelation(target.id);
  const { toggle } = useFollowToggle(target);
  const signIn = useSignInFirst();
  const following = relation.data?.following ?? false;
  const name = target.displayName ?? target.username;
  const count = (
    <span className="social-followers">
      <strong>{target.followerCount.toLocaleString('en')}</strong>{' '}
      {target.followerCount === 1 ? 'follower' : 'followers'}
    </span>
  );
  if (user?.id === target.id) return <div className={`social-follow ${className}`}>{count}</div>;
  return (
    <div className={`social-follow ${className}`}>
      <button
        type="button"
        className={`social-follow-button ${following ? 'on' : ''}`}
        aria-pressed={following}
        aria-label={`${following ? 'Following' : 'Follow'} ${name}, ${plural(target.followerCount, 'follower', 'followers')}`}
        title={user ? undefined : 'Log in to follow'}
        onClick={() => (user ? toggle(!following) : signIn())}
      >
        {following ? 'Following' : 'Follow'}
      </button>
      {count}
    </div>
  );
}
