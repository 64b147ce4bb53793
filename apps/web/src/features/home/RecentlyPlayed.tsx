import { Link } from 'react-router';
import { useRecentlyPlayed } from '@/features/library';
import { TrackCard } from '@/features/tracks';

const SHELF = 6;

/**
 * The signed-in listener's last plays, each track once. Nothing at all while
 * there are none, or when they did not load: the page has more to show below.
 */
export function RecentlyPlayed() {
  const recent = useRecentlyPlayed(SHELF);
  const tracks = recent.data ?? [];
  if (tracks.length === 0) return null;
  return (
    <section aria-labelledby="recently-played">
      <div className="home-shelf-head">
        <h2 id="recently-played" className="section-title">
          Recently played
        </h2>
        <Link to="/library?tab=history" className="home-shelf-more">
          All history
        </Link>
      </div>
      <ul className="track-grid">
        {tracks.map((track) => (
          <TrackCard key={track.id} track={track} queue={tracks} />
        ))}
      </ul>
    </section>
  );
}
