import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { aMe, fakeServer, json, noContent, testApi, type FakeRoutes } from '@/test/fake-api';
import { FakeEngine } from '@/test/fake-engine';
import { aSummary } from '@/test/playlists';
import { renderPage } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { LibraryPage } from './LibraryPage';

const me = aMe();
const first = aTrack({ title: 'First like' });
const second = aTrack({ title: 'Second like' });
const played = aTrack({ title: 'Played song' });

function show(routes: FakeRoutes, at = '/library') {
  const server = fakeServer({
    'POST /api/v1/auth/refresh': () => json(200, { accessToken: 'tok', expiresIn: 900, user: me }),
    'GET /api/v1/me/relations': (request) =>
      json(200, {
        tracks: new URL(request.url).searchParams.getAll('tracks').map((id) => ({ id, liked: true, reposted: false })),
        users: [],
        playlists: [],
      }),
    'GET /api/v1/me/likes': () => json(200, { items: [], nextCursor: null }),
    'GET /api/v1/me/playlists': () => json(200, { items: [], nextCursor: null }),
    'GET /api/v1/me/history': () => json(200, { items: [], nextCursor: null }),
    ...routes,
  });
  renderPage(
    <PlayerProvider createEngine={() => new FakeEngine()}>
      <LibraryPage />
    </PlayerProvider>,
    { api: testApi(server), at, path: '/library', restoreSession: true },
  );
  return { server, user: userEvent.setup() };
}

describe('LibraryPage', () => {
  it('lists likes page by page with "Load more"', async () => {
    const { server, user } = show({
      'GET /api/v1/me/likes': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'page-2'
          ? json(200, { items: [{ likedAt: '2025-01-01T10:00:00.000Z', track: second }], nextCursor: null })
          : json(200, { items: [{ likedAt: '2025-01-02T10:00:00.000Z', track: first }], nextCursor: 'page-2' }),
    });

    const list = await screen.findByRole('list', { name: 'Liked tracks' });
    expect(within(list).getByRole('link', { name: 'First like' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await within(list).findByRole('link', { name: 'Second like' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(server.calls('GET /api/v1/me/likes')).toHaveLength(2);
    // Both rows' hearts came from one request.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /^Liked “Second like”/ }).getAttribute('aria-pressed')).toBe('true'),
    );
  });

  it('moves between tabs with the arrow keys and keeps the tab in the URL', async () => {
    const { user } = show({
      'GET /api/v1/me/playlists': () =>
        json(200, {
          items: [
            aSummary({ title: 'Mine', itemCount: 2 }),
            aSummary({
              title: 'Theirs',
              owner: { id: '0b9f1a52-5d62-4d0e-8a43-7f1f2b9d6c01', username: 'grace_h', displayName: 'Grace Hopper' },
            }),
          ],
          nextCursor: null,
        }),
    });

    const likes = await screen.findByRole('tab', { name: 'Likes' });
    expect(likes.getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByRole('heading', { name: 'No likes yet' })).toBeTruthy();
    likes.focus();
    await user.keyboard('{ArrowRight}');

    const tab = screen.getByRole('tab', { name: 'Playlists' });
    await waitFor(() => expect(tab.getAttribute('aria-selected')).toBe('true'));
    expect(document.activeElement).toBe(tab);
    const mine = await screen.findByRole('link', { name: 'Mine' });
    expect(mine.getAttribute('href')).toMatch(/^\/playlists\//);
    expect(screen.getByText('Collaborative · by Grace Hopper')).toBeTruthy();
    expect(document.title).toMatch(/^Playlists · Library/);
  });

  it('clears the history after a confirmation, then says there is nothing', async () => {
    let cleared = false;
    const { server, user } = show(
      {
        'GET /api/v1/me/history': () =>
          json(200, {
            items: cleared
              ? []
              : [{ id: '30000000-0000-4000-8000-000000000001', playedAt: '2025-01-02T10:00:00.000Z', track: played }],
            nextCursor: null,
          }),
        'DELETE /api/v1/me/history': () => {
          cleared = true;
          return noContent();
        },
      },
      '/library?tab=history',
    );

    expect(await screen.findByRole('link', { name: 'Played song' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear history…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Clear your listening history?' });
    await user.click(within(confirm).getByRole('button', { name: 'Clear history' }));

    expect(await screen.findByRole('heading', { name: 'Nothing played yet' })).toBeTruthy();
    expect(await screen.findByText('Your listening history is cleared.')).toBeTruthy();
    expect(server.calls('DELETE /api/v1/me/history')).toHaveLength(1);
  });

  it('says what goes where when the library is empty', async () => {
    const { user } = show({});
    expect(await screen.findByRole('heading', { name: 'No likes yet' })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Playlists' }));
    expect(await screen.findByRole('heading', { name: 'No playlists yet' })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'History' }));
    expect(await screen.findByRole('heading', { name: 'Nothing played yet' })).toBeTruthy();
  });
});
