import { TrackListItem } from '@/features/tracks';
import { ButtonLink, LoadMore, Spinner } from '@/ui';
import { LibraryEmpty } from './LibraryEmpty';
import { LoadFailed } from './LoadFailed';
import { useMyLikes } from './library.hooks';
import { shortDate } from './library.format';

export function LikesTab() {
  const likes = useMyLikes();
  if (likes.isPending) return <Spinner label="Loading your likes…" />;
  if (likes.isError) {
    return (
      <LoadFailed what="likes" error={likes.error} retry={() => void likes.refetch()} retrying={likes.isFetching} />
    );
  }
  const entries = likes.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return (
      <LibraryEmpty glyph="♡" title="No likes yet">
        <p>Tap the heart on any track and it lands here, newest first.</p>
        <ButtonLink to="/" variant="secondary" size="sm">
          Find something to like
        </ButtonLink>
      </LibraryEmpty>
    );
  }
  const queue = entries.map((e) => e.track);
  return (
    <>
      <ul className="track-items" aria-label="Liked tracks">
        {entries.map((entry) => (
          <TrackListItem
            key={entry.track.id}
            track={entry.track}
            queue={queue}
            note={<time dateTime={entry.likedAt}>Liked {shortDate(entry.likedAt)}</time>}
          />
        ))}
      </ul>
      <LoadMore pages={likes} className="library-more" />
    </>
  );
}
