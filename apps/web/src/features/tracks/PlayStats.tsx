import { usePlayStats } from './tracks.hooks';

const DAYS = 30;
const dayLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Plays of the artist's tracks over the last 30 days: a total and one bar per day. */
export function PlayStats() {
  const stats = usePlayStats(DAYS, { enabled: true });
  if (!stats.data) return null;
  const { total, days } = stats.data;
  const max = Math.max(1, ...days.map((d) => d.plays));
  return (
    <section className="track-play-stats" aria-labelledby="play-stats-title">
      <div className="play-stats-total">
        <h2 id="play-stats-title">Plays, last {DAYS} days</h2>
        <p className="track-play-stats-number">{total.toLocaleString('en')}</p>
      </div>
      <ol className="track-play-stats-bars" aria-label="Plays per day">
        {days.map((day) => {
          const label = `${dayLabel.format(new Date(`${day.date}T00:00:00Z`))}: ${day.plays} ${day.plays === 1 ? 'play' : 'plays'}`;
          return (
            <li key={day.date} title={label}>
              <span className="visually-hidden">{label}</span>
              <span
                className={day.plays > 0 ? 'track-play-stats-bar' : 'track-play-stats-bar empty'}
                style={{ height: `${Math.max(4, (day.plays / max) * 100)}%` }}
                aria-hidden="true"
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
