import { useRef, type KeyboardEvent } from 'react';
import type { SearchType } from './search.types';

const LABELS: Record<SearchType, string> = { all: 'All', tracks: 'Tracks', users: 'People', playlists: 'Playlists' };

/** Tabs over result types (WAI-ARIA tabs, automatic activation): arrows, Home and End move and select. */
export function SearchTabs(props: {
  types: readonly SearchType[];
  current: SearchType;
  onChange: (type: SearchType) => void;
}) {
  const { types, current, onChange } = props;
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent, index: number) => {
    const last = types.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    refs.current[to]?.focus();
    onChange(types[to]!);
  };
  return (
    <div className="search-tabs" role="tablist" aria-label="Result type">
      {types.map((type, index) => (
        <button
          key={type}
          ref={(el) => {
            refs.current[index] = el;
          }}
          type="button"
          role="tab"
          className="search-tab"
          aria-selected={type === current}
          tabIndex={type === current ? 0 : -1}
          onClick={() => onChange(type)}
          onKeyDown={(event) => move(event, index)}
        >
          {LABELS[type]}
        </button>
      ))}
    </div>
  );
}
