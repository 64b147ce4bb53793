import { Link } from 'react-router';

/** Genres as links to their pages, with how many tracks each has. */
export function GenreChips({ genres }: { genres: readonly { genre: string; trackCount: number }[] }) {
  return (
    <ul className="discover-genres" aria-label="Genres">
      {genres.map(({ genre, trackCount }) => (
        <li key={genre}>
          <Link to={`/discover/genres/${encodeURIComponent(genre)}`} className="discover-genre">
            {genre}{' '}
            <span className="discover-genre-count">
              {trackCount}
              <span className="visually-hidden"> {trackCount === 1 ? 'track' : 'tracks'}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
