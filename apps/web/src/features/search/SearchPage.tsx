import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '@/api';
import { TrackList } from '@/features/tracks';
import { Alert, Button, SelectField, Spinner, TextField, useDocumentTitle } from '@/ui';
import { SearchResultGroups } from './SearchResultGroups';
import { SearchTabs } from './SearchTabs';
import { useSearchResults } from './search.hooks';
import type { SearchQuery, SearchResults, SearchSort, SearchType } from './search.types';
import './search.css';

const TYPES: readonly SearchType[] = ['all', 'tracks', 'users', 'playlists'];
const SORTS: readonly { value: SearchSort; label: string }[] = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'plays', label: 'Most played' },
];
/** Duration filters as listeners think of them, sent as bounds in ms. */
const DURATIONS = {
  any: { label: 'Any length' },
  short: { label: 'Under 2 minutes', maxDurationMs: 120_000 },
  medium: { label: '2 to 6 minutes', minDurationMs: 120_000, maxDurationMs: 360_000 },
  long: { label: 'Over 6 minutes', minDurationMs: 360_000 },
} as const;
type Duration = keyof typeof DURATIONS;

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** /search?q=&type=&genre=&length=&sort=: the URL holds the whole search, so it can be shared and reloaded. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = oneOf(params.get('type'), TYPES, 'all');
  const sort = oneOf(
    params.get('sort'),
    SORTS.map((s) => s.value),
    'relevance',
  );
  const length = oneOf(params.get('length'), Object.keys(DURATIONS) as Duration[], 'any');
  const genre = params.get('genre')?.trim() ?? '';
  useDocumentTitle(q ? `“${q}” – Search` : 'Search');

  const duration = DURATIONS[length];
  const query: SearchQuery = {
    q,
    type,
    sort,
    ...(genre ? { genre } : {}),
    ...('minDurationMs' in duration ? { minDurationMs: duration.minDurationMs } : {}),
    ...('maxDurationMs' in duration ? { maxDurationMs: duration.maxDurationMs } : {}),
  };
  const results = useSearchResults(query);

  const change = (updates: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(updates)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  return (
    <div className="search-page">
      <h1>Search</h1>
      <SearchForm key={q} initial={q} onSearch={(text) => change({ q: text })} />
      <SearchTabs types={TYPES} current={type} onChange={(t) => change({ type: t === 'all' ? '' : t })} />
      {type !== 'users' && type !== 'playlists' && (
        <div className="search-filters" aria-label="Filters" role="group">
          <GenreFilter key={genre} initial={genre} onChange={(g) => change({ genre: g })} />
          <SelectField
            name="length"
            label="Length"
            value={length}
            options={Object.entries(DURATIONS).map(([value, d]) => ({ value, label: d.label }))}
            onChange={(event) => change({ length: event.target.value === 'any' ? '' : event.target.value })}
          />
          <SelectField
            name="sort"
            label="Sort by"
            value={sort}
            options={[...SORTS]}
            onChange={(event) => change({ sort: event.target.value === 'relevance' ? '' : event.target.value })}
          />
        </div>
      )}
      <div role="tabpanel" aria-label="Results">
        {!q.trim() ? (
          <p className="search-empty">Type a title, an artist or a mood to start.</p>
        ) : results.isPending ? (
          <Spinner label="Searching…" />
        ) : results.isError ? (
          <Alert tone="error" title="The search didn't go through.">
            <p>{describeError(results.error, []).formError}</p>
            <Button variant="secondary" size="sm" pending={results.isFetching} onClick={() => void results.refetch()}>
              Try again
            </Button>
          </Alert>
        ) : (
          <>
            <Results pages={results.data.pages} type={type} q={q} onShowAll={(t) => change({ type: t })} />
            {results.hasNextPage && (
              <div className="search-more">
                <Button
                  variant="secondary"
                  pending={results.isFetchingNextPage}
                  pendingLabel="Loading…"
                  onClick={() => void results.fetchNextPage()}
                >
                  Load more
                </Button>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function Results(props: {
  pages: SearchResults[];
  type: SearchType;
  q: string;
  onShowAll: (type: SearchType) => void;
}) {
  const { pages, type, q, onShowAll } = props;
  const tracks = pages.flatMap((p) => p.tracks?.items ?? []);
  const users = pages.flatMap((p) => p.users?.items ?? []);
  const playlists = pages.flatMap((p) => p.playlists?.items ?? []);
  if (tracks.length + users.length + playlists.length === 0) {
    return (
      <div className="search-empty">
        <p>
          Nothing found for <strong>“{q}”</strong>
          {type !== 'all' ? ` among ${type}` : ''}.
        </p>
        <p>Check the spelling, try fewer words, or loosen the filters.</p>
      </div>
    );
  }
  if (type === 'tracks') return <TrackList tracks={tracks} label="Tracks" />;
  return <SearchResultGroups type={type} tracks={tracks} users={users} playlists={playlists} onShowAll={onShowAll} />;
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onSearch(text.trim());
  };
  return (
    <form className="search-page-form" role="search" onSubmit={submit}>
      <label htmlFor="search-page-q" className="visually-hidden">
        Search for
      </label>
      <input
        id="search-page-q"
        className="input"
        type="search"
        value={text}
        maxLength={200}
        placeholder="Search tracks, artists, playlists"
        onChange={(event) => setText(event.target.value)}
      />
      <Button type="submit">Search</Button>
    </form>
  );
}

function GenreFilter({ initial, onChange }: { initial: string; onChange: (genre: string) => void }) {
  const [text, setText] = useState(initial);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onChange(text.trim());
      }}
    >
      <TextField
        name="genre"
        label="Genre"
        value={text}
        maxLength={50}
        placeholder="Any genre"
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (text.trim() !== initial) onChange(text.trim());
        }}
      />
    </form>
  );
}
