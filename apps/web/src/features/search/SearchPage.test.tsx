import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { FakeEngine } from '@/test/fake-engine';
import { fakeServer, json, problem, testApi, type FakeRoutes } from '@/test/fake-api';
import { renderPage } from '@/test/render';
import { aSummary } from '@/test/playlists';
import { aTrack } from '@/test/tracks';
import { SearchPage } from './SearchPage';

const owner = { id: '0b9f1a52-5d62-4d0e-8a43-7f1f2b9d6c03', username: 'mixer', displayName: 'Mix Master' };
const playlist = aSummary({ title: 'Road trip', visibility: 'public', itemCount: 12, owner });

function show(at: string, routes: FakeRoutes) {
  const server = fakeServer(routes);
  const view = renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <SearchPage />
    </PlayerProvider>,
    { api: testApi(server), at, path: '/search' },
  );
  return { server, router: view.router, user: userEvent.setup() };
}
const asked = (server: ReturnType<typeof show>['server']) =>
  server.calls('GET /api/v1/search').map((r) => Object.fromEntries(new URL(r.url).searchParams));

describe('SearchPage', () => {
  it('shows every group for "All", and a tab narrows to one type', async () => {
    const { server, user, router } = show('/search?q=road', {
      'GET /api/v1/search': (req) => {
        const type = new URL(req.url).searchParams.get('type');
        if (type === 'playlists') return json(200, { playlists: { items: [playlist], nextCursor: null } });
        return json(200, {
          tracks: { items: [aTrack({ title: 'Road Song' })], nextCursor: 'x' },
          users: { items: [{ ...owner, avatarUrl: null }], nextCursor: null },
          playlists: { items: [playlist], nextCursor: null },
        });
      },
    });
    expect(await screen.findByRole('link', { name: 'Road Song' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Mix Master' }).getAttribute('href')).toBe('/u/mixer');
    expect(screen.getByRole('link', { name: 'Road trip' }).getAttribute('href')).toBe(`/playlists/${playlist.id}`);
    expect(screen.getByText('Mix Master · 12 tracks')).toBeTruthy();
    // "All" shows first pages only: more of a group is one tab away.
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'Playlists' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=road&type=playlists'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Road Song' })).toBeNull());
    expect(await screen.findByRole('link', { name: 'Road trip' })).toBeTruthy();
    expect(asked(server).map((q) => q.type)).toEqual(['all', 'playlists']);
  });

  it('sends the filters and pages a typed search with Load more', async () => {
    const { server, user } = show('/search?q=jazz&type=tracks&sort=plays&length=medium&genre=Jazz', {
      'GET /api/v1/search': (req) =>
        new URL(req.url).searchParams.get('cursor') === 'tracks.next'
          ? json(200, { tracks: { items: [aTrack({ title: 'Second Jazz' })], nextCursor: null } })
          : json(200, { tracks: { items: [aTrack({ title: 'First Jazz' })], nextCursor: 'tracks.next' } }),
    });
    await screen.findByRole('link', { name: 'First Jazz' });
    expect(asked(server)[0]).toEqual({
      q: 'jazz',
      type: 'tracks',
      sort: 'plays',
      genre: 'Jazz',
      minDurationMs: '120000',
      maxDurationMs: '360000',
    });
    expect(screen.getByLabelText<HTMLSelectElement>('Sort by').value).toBe('plays');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    const list = screen.getByRole('list', { name: 'Tracks' });
    expect(await within(list).findByRole('link', { name: 'Second Jazz' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('changing the sort searches again with it', async () => {
    const { server, user } = show('/search?q=jazz&type=tracks', {
      'GET /api/v1/search': () => json(200, { tracks: { items: [aTrack({ title: 'Any Jazz' })], nextCursor: null } }),
    });
    await screen.findByRole('link', { name: 'Any Jazz' });
    await user.selectOptions(screen.getByLabelText('Sort by'), 'newest');
    await waitFor(() => expect(asked(server).at(-1)?.sort).toBe('newest'));
  });

  it('says when nothing is found', async () => {
    show('/search?q=qwxz&type=users', {
      'GET /api/v1/search': () => json(200, { users: { items: [], nextCursor: null } }),
    });
    expect(await screen.findByText(/Nothing found for/)).toBeTruthy();
    expect(screen.getByText('“qwxz”')).toBeTruthy();
  });

  it('shows a clear error with a retry', async () => {
    let fail = true;
    const { user } = show('/search?q=jazz', {
      'GET /api/v1/search': () =>
        fail
          ? problem(400, 'SEARCH_QUERY_TOO_LONG', { detail: 'Search for at most 200 characters.' })
          : json(200, { tracks: { items: [aTrack({ title: 'Back Again' })], nextCursor: null } }),
    });
    expect(await screen.findByText("The search didn't go through.")).toBeTruthy();
    expect(screen.getByText('Search for at most 200 characters.')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Back Again' })).toBeTruthy();
  });

  it('asks for words when there is no query, and searches from its own box', async () => {
    const { user, server } = show('/search', {
      'GET /api/v1/search': () => json(200, { tracks: { items: [aTrack({ title: 'Found It' })], nextCursor: null } }),
    });
    expect(screen.getByText('Type a title, an artist or a mood to start.')).toBeTruthy();
    expect(server.calls('GET /api/v1/search')).toHaveLength(0);
    await user.type(screen.getByLabelText('Search for'), 'found{Enter}');
    expect(await screen.findByRole('link', { name: 'Found It' })).toBeTruthy();
  });
});
