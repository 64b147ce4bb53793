import { useRef, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, describeError, type PublicProfile } from '@/api';
import { TrackList } from '@/features/tracks';
import { Alert, Button, LoadMore, Spinner } from '@/ui';
import { useProfileList, type ProfileListPage, type ProfileTab } from './profile.hooks';

const LABELS: Record<ProfileTab, string> = {
  tracks: 'Tracks',
  playlists: 'Playlists',
  reposts: 'Reposts',
  likes: 'Likes',
};

/**
 * A profile's tabs (WAI-ARIA tabs, automatic activation; the tab is in the
 * URL as ?tab=). Likes show only when the user shows them, or to themselves.
 */
export function ProfileTabs({ profile, own }: { profile: PublicProfile; own: boolean }) {
  const [params, setParams] = useSearchParams();
  const tabs: ProfileTab[] = [
    'tracks',
    'playlists',
    'reposts',
    ...(profile.likesPublic || own ? ['likes' as const] : []),
  ];
  const asked = params.get('tab') as ProfileTab | null;
  const current = asked && tabs.includes(asked) ? asked : 'tracks';
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const select = (tab: ProfileTab) => {
    const next = new URLSearchParams(params);
    if (tab === 'tracks') next.delete('tab');
    else next.set('tab', tab);
    setParams(next, { replace: true });
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const keys: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const to = keys[event.key];
    if (to === undefined) return;
    event.preventDefault();
    refs.current[to]?.focus();
    select(tabs[to]!);
  };
  return (
    <section className="profile-tabs">
      <div role="tablist" aria-label="Profile sections" className="profile-tablist">
        {tabs.map((tab, index) => (
          <button
            key={tab}
            ref={(el) => {
              refs.current[index] = el;
            }}
            id={`profile-tab-${tab}`}
            type="button"
            role="tab"
            aria-selected={tab === current}
            aria-controls="profile-tabpanel"
            tabIndex={tab === current ? 0 : -1}
            className="profile-tab"
            onClick={() => select(tab)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {LABELS[tab]}
          </button>
        ))}
      </div>
      <div
        id="profile-tabpanel"
        role="tabpanel"
        aria-labelledby={`profile-tab-${current}`}
        className="profile-tabpanel"
      >
        <TabList key={current} profile={profile} tab={current} own={own} />
      </div>
    </section>
  );
}

function TabList({ profile, tab, own }: { profile: PublicProfile; tab: ProfileTab; own: boolean }) {
  const list = useProfileList(profile.username, tab);
  const name = profile.displayName ?? profile.username;
  if (list.isPending) return <Spinner label={`Loading ${LABELS[tab].toLowerCase()}…`} />;
  if (list.isError) {
    if (list.error instanceof ApiError && (list.error.problem?.code as string | undefined) === 'LIKES_HIDDEN') {
      return <p className="profile-empty">{name} keeps their likes to themselves.</p>;
    }
    return (
      <Alert tone="error" title={`${LABELS[tab]} didn't load.`}>
        <p>{describeError(list.error, []).formError}</p>
        <Button variant="secondary" size="sm" pending={list.isFetching} onClick={() => void list.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  const pages = list.data.pages;
  const body = renderItems(tab, pages, name, own);
  return (
    <>
      {body}
      <LoadMore pages={list} className="profile-more" />
    </>
  );
}

function renderItems(tab: ProfileTab, pages: ProfileListPage<ProfileTab>[], name: string, own: boolean) {
  const who = own ? 'You have' : `${name} has`;
  if (tab === 'playlists') {
    const playlists = (pages as ProfileListPage<'playlists'>[]).flatMap((p) => p.items);
    if (playlists.length === 0) return <p className="profile-empty">{who} no public playlists yet.</p>;
    return (
      <ul className="profile-playlists">
        {playlists.map((playlist) => (
          <li key={playlist.id} className="profile-playlist">
            <Link to={`/playlists/${playlist.id}`}>{playlist.title}</Link>
            <span className="profile-playlist-meta">
              {playlist.itemCount} {playlist.itemCount === 1 ? 'track' : 'tracks'}
              {playlist.visibility !== 'public' ? ` · ${playlist.visibility}` : ''}
            </span>
          </li>
        ))}
      </ul>
    );
  }
  const tracks =
    tab === 'tracks'
      ? (pages as ProfileListPage<'tracks'>[]).flatMap((p) => p.items)
      : tab === 'reposts'
        ? (pages as ProfileListPage<'reposts'>[]).flatMap((p) => p.items.map((i) => i.track))
        : (pages as ProfileListPage<'likes'>[]).flatMap((p) => p.items.map((i) => i.track));
  if (tracks.length === 0) {
    const empty = {
      tracks: `${who} no public tracks yet.`,
      reposts: `${who} not reposted anything yet.`,
      likes: `${who} not liked any tracks yet.`,
    }[tab];
    return <p className="profile-empty">{empty}</p>;
  }
  return <TrackList tracks={tracks} label={LABELS[tab]} />;
}
