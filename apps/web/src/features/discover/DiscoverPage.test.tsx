import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PlayerProvider } from '@/features/player';
import { FakeEngine } from '@/test/fake-engine';
import { fakeServer, json, problem, testApi, type FakeRoutes } from '@/test/fake-api';
import { renderPage, renderRoutes } from '@/test/render';
import { aTrack } from '@/test/tracks';
import { DiscoverPage } from './DiscoverPage';
import { GenrePage } from './GenrePage';

const withPlayer = (element: React.ReactNode) => (
  <PlayerProvider createEngine={() => new FakeEngine()}>{element}</PlayerProvider>
);

function show(routes: FakeRoutes) {
  const server = fakeServer(routes);
  renderPage(withPlayer(<DiscoverPage />), { api: testApi(server), at: '/discover' });
  return { server, user: userEvent.setup() };
}

describe('DiscoverPage', () => {
  it('shows trending with weekly plays, new releases and genre links', async () => {
    show({
      'GET /api/v1/discover': () =>
        json(200, {
          trending: [
            { track: aTrack({ title: 'Hot One' }), plays: 42 },
            { track: aTrack({ title: 'Warm Two' }), plays: 1 },
          ],
          newReleases: [aTrack({ title: 'Fresh Cut' })],
          genres: [
            { genre: 'Jazz', trackCount: 3 },
            { genre: 'Drum & Bass', trackCount: 1 },
          ],
        }),
    });
    const trending = await screen.findByRole('list', { name: 'Trending this week' });
    const rows = within(trending).getAllByRole('listitem');
    expect(rows[0]?.textContent).toContain('Hot One');
    expect(rows[0]?.textContent).toContain('42 plays this week');
    expect(rows[1]?.textContent).toContain('1 play this week');
    expect(screen.getByRole('link', { name: 'Fresh Cut' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Drum & Bass/ }).getAttribute('href')).toBe(
      '/discover/genres/Drum%20%26%20Bass',
    );
    expect(screen.getByRole('link', { name: /^Jazz\s*3\s*tracks$/ })).toBeTruthy();
  });

  it('says so when there is nothing yet', async () => {
    show({ 'GET /api/v1/discover': () => json(200, { trending: [], newReleases: [], genres: [] }) });
    expect(await screen.findByText(/Nothing to discover yet/)).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    let fail = true;
    const { user } = show({
      'GET /api/v1/discover': () =>
        fail ? problem(503, 'DATABASE_UNAVAILABLE') : json(200, { trending: [], newReleases: [], genres: [] }),
    });
    expect(await screen.findByText("Discover didn't load.")).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/Nothing to discover yet/)).toBeTruthy();
  });
});

describe('GenrePage', () => {
  it('lists a genre page by page', async () => {
    const server = fakeServer({
      'GET /api/v1/discover/genres/Drum%20%26%20Bass': (req) =>
        new URL(req.url).searchParams.get('cursor')
          ? json(200, { genre: 'Drum & Bass', items: [aTrack({ title: 'Later Break' })], nextCursor: null })
          : json(200, { genre: 'Drum & Bass', items: [aTrack({ title: 'First Break' })], nextCursor: 'c' }),
    });
    renderRoutes([{ path: '/discover/genres/:genre', element: withPlayer(<GenrePage />) }], {
      api: testApi(server),
      at: '/discover/genres/Drum%20%26%20Bass',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Drum & Bass' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'First Break' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Later Break' })).toBeTruthy();
  });
});
