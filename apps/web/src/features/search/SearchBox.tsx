import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { Artwork, Avatar } from '@/ui';
import { useSuggestions } from './search.hooks';
import type { Suggestion } from './search.types';
import { describeSuggestion, searchPageUrl } from './suggestion-links';
import { useDebouncedValue } from './useDebouncedValue';
import './search.css';

const DEBOUNCE_MS = 200;

/**
 * The header's search box: an ARIA combobox (WAI-ARIA APG "list
 * autocomplete") whose listbox suggests tracks, people and playlists while
 * typing. Arrows move through the options, Enter opens the highlighted one
 * (or the search page), Escape closes the list and, pressed again, clears.
 * Focus stays in the input throughout; the mouse works too.
 */
export function SearchBox() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const navigate = useNavigate();
  const id = useId();
  const listId = `${id}-list`;
  const debounced = useDebouncedValue(text, DEBOUNCE_MS);
  const suggestions = useSuggestions(debounced);
  const term = text.trim();
  const items: Suggestion[] = term && suggestions.data ? suggestions.data.items : [];
  // The last option always searches for everything: the way to the search page by keyboard and mouse alike.
  const optionCount = items.length + 1;
  const expanded = open && term.length > 0;

  useEffect(() => setActive(-1), [debounced]);

  const go = (to: string) => {
    setOpen(false);
    setActive(-1);
    void navigate(to);
  };
  const openOption = (index: number) => {
    const item = items[index];
    if (item) go(describeSuggestion(item).to);
    else if (term) go(searchPageUrl(term));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!expanded) setOpen(true);
        else setActive((i) => (i + 1) % optionCount);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!expanded) setOpen(true);
        else setActive((i) => (i <= 0 ? optionCount - 1 : i - 1));
        break;
      case 'Enter':
        event.preventDefault();
        if (!term) return;
        openOption(expanded && active >= 0 ? active : items.length);
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          event.preventDefault();
          setText('');
        }
        break;
    }
  };

  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <div className="search-box" role="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search Veza
      </label>
      <svg className="search-box-icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="11" cy="11" r="6.5" />
        <path d="M16 16l4.5 4.5" />
      </svg>
      <input
        id={`${id}-input`}
        className="search-box-input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search tracks, artists, playlists"
        value={text}
        maxLength={200}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Suggestions" className="search-box-list" hidden={!expanded}>
        {items.map((item, index) => (
          <SuggestionOption
            key={`${item.kind}-${index}`}
            item={item}
            id={optionId(index)}
            selected={index === active}
            onHover={() => setActive(index)}
            onPick={() => openOption(index)}
          />
        ))}
        {term && suggestions.isSuccess && items.length === 0 && (
          <li className="search-box-empty" role="presentation">
            No quick matches
          </li>
        )}
        {suggestions.isError && (
          <li className="search-box-empty" role="presentation">
            Suggestions are unavailable right now
          </li>
        )}
        <li
          id={optionId(items.length)}
          role="option"
          aria-selected={active === items.length}
          className="search-box-option search-box-all"
          // Keeps focus in the input, so a click does not blur the box before it lands.
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => setActive(items.length)}
          onClick={() => openOption(items.length)}
        >
          See all results for “{term}”
        </li>
      </ul>
    </div>
  );
}

function SuggestionOption(props: {
  item: Suggestion;
  id: string;
  selected: boolean;
  onHover: () => void;
  onPick: () => void;
}) {
  const { item, id, selected, onHover, onPick } = props;
  const { title, detail } = describeSuggestion(item);
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      className="search-box-option"
      onMouseDown={(event) => event.preventDefault()}
      onMouseEnter={onHover}
      onClick={onPick}
    >
      {item.kind === 'user' ? (
        <Avatar name={title} src={item.user.avatarUrl} size={32} decorative />
      ) : (
        <Artwork src={item.kind === 'track' ? item.track.coverUrl : null} size={32} />
      )}
      <span className="search-box-option-text">
        <span className="search-box-option-title">{title}</span>
        <span className="search-box-option-detail">{detail}</span>
      </span>
    </li>
  );
}
