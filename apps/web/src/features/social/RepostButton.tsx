import './social.css';
import { useAuth } from '@/features/auth';
import { SocialIcon } from './SocialIcon';
import { compactCount, plural } from './social.format';
import { useRepostToggle, useSignInFirst, type SocialTrack } from './social.hooks';
import { useTrackRelation } from './social.relations';

interface RepostButtonProps {
  track: SocialTrack & { repostCount: number; visibility: string; artist: { id: string } };
  className?: string;
}

/** Reposts someone else's public track to your followers; nothing to show on your own or a non-public one. */
export function RepostButton({ track, className = '' }: RepostButtonProps) {
  const { user } = useAuth();
  const relation = useTrackRelation(track.id);
  const { toggle } = useRepostToggle(track);
  const signIn = useSignInFirst();
  if (track.visibility !== 'public' || user?.id === track.artist.id) return null;
  const reposted = relation.data?.reposted ?? false;
  const label = `${reposted ? 'Reposted' : 'Repost'} “${track.title}”, ${plural(track.repostCount, 'repost', 'reposts')}`;
  return (
    <button
      type="button"
      className={`social-toggle social-repost ${reposted ? 'on' : ''} ${className}`}
      aria-pressed={reposted}
      aria-label={label}
      title={user ? (reposted ? 'Undo repost' : 'Repost to your followers') : 'Log in to repost'}
      onClick={() => (user ? toggle(!reposted) : signIn())}
    >
      <SocialIcon name="repost" on={reposted} />
      <span className="social-count" aria-hidden="true">
        {compactCount(track.repostCount)}
      </span>
    </button>
  );
}
