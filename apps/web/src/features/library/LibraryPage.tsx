import { useId, useRef, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import { RequireAuth } from '@/features/auth';
import { useDocumentTitle } from '@/ui';
import { HistoryTab } from './HistoryTab';
import { LikesTab } from './LikesTab';
import { PlaylistsTab } from './PlaylistsTab';
import './library.css';

const TABS = [
  { id: 'likes', label: 'Likes', Panel: LikesTab },
  { id: 'playlists', label: 'Playlists', Panel: PlaylistsTab },
  { id: 'history', label: 'History', Panel: HistoryTab },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function LibraryPage() {
  return (
    <RequireAuth>
      <Library />
    </RequireAuth>
  );
}

/** Likes, playlists and history, one tab each; the tab is in the URL, so it survives reloads and links. */
function Library() {
  const [params, setParams] = useSearchParams();
  const current = TABS.find((t) => t.id === params.get('tab')) ?? TABS[0];
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const baseId = useId();
  useDocumentTitle(`${current.label} · Library`);

  function select(id: TabId, { focus }: { focus: boolean }) {
    setParams(id === TABS[0].id ? {} : { tab: id }, { replace: true });
    if (focus) tabRefs.current[id]?.focus();
  }

  function onKey(event: KeyboardEvent) {
    const index = TABS.findIndex((t) => t.id === current.id);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(TABS[target]!.id, { focus: true });
  }

  const { Panel } = current;
  return (
    <div className="library">
      <h1>Your library</h1>
      <div role="tablist" aria-label="Library" className="library-tabs" onKeyDown={onKey}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              tabRefs.current[tab.id] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab.id === current.id ? 0 : -1}
            className="library-tab"
            onClick={() => select(tab.id, { focus: false })}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <section
        id={`${baseId}-panel`}
        role="tabpanel"
        aria-labelledby={`${baseId}-tab-${current.id}`}
        className="library-panel"
        tabIndex={0}
      >
        <Panel />
      </section>
    </div>
  );
}
